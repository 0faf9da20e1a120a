"""Integrations with other tools (each one an optional extra, imported only when used).

- :mod:`copydesk.integrations.scrapy`: an item pipeline and an add-on for Scrapy
  (``pip install 'copydesk[scrapy]'``).
"""
