"""Questions asked of a catalog, one module per question, each answered by one result object
that every renderer takes. This package knows neither files nor terminals.
"""
