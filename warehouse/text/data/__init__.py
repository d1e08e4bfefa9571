"""Shipped word lists for complaint text analysis (stop words, sentiment lexicons, dictionary)."""
