"""pytest: leave out the doctests of integrations whose optional extra is not installed."""

import importlib.util

collect_ignore_glob = []
if importlib.util.find_spec("scrapy") is None:
    collect_ignore_glob.append("src/copydesk/integrations/scrapy.py")
