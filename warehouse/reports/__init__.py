"""The quarterly risk review: the improvement list and the PDF/XLSX report built from the query
API (build.build_report is the entry point; improvements holds the list)."""
