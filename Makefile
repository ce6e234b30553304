# Two commands: `make run` (set up + clean raw/ into processed/) and `make test`.
# Everything installs from this repository's own files: pyproject.toml for what
# the project needs, constraints.txt for the exact versions every machine gets.

VENV        ?= .venv
PY          := $(VENV)/bin/python
PIPELINE    := $(VENV)/bin/pipeline
PYTHON_BIN  ?= python3

export PREFECT_HOME ?= $(CURDIR)/.prefect
export PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS ?= 180
export PREFECT_SERVER_ANALYTICS_ENABLED ?= false

.PHONY: setup run test serve lint eval bench bench-scale browser-deps clean

$(VENV)/.installed: pyproject.toml constraints.txt
	@test -x $(PY) || $(PYTHON_BIN) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[dev]"
	@touch $@

setup: $(VENV)/.installed

run: setup
	$(PIPELINE) run --raw raw --out processed

test: setup browser-deps
	$(PY) -m pytest

serve: setup
	$(PIPELINE) serve

lint: setup
	$(VENV)/bin/ruff check pipeline tests benchmarks

eval: setup
	$(PIPELINE) eval extraction
	$(PIPELINE) eval extraction --corpus ../shared/corpus/extraction-dev
	$(PIPELINE) eval scrapes
	$(PIPELINE) eval headings
	$(PIPELINE) eval metadata
	$(PIPELINE) eval tagging
	$(PIPELINE) eval dedup --check
	$(PY) benchmarks/mojibake_false_repairs.py

# Speed benchmarks (not tests): each prints its figures. The bench extra adds trafilatura, the
# extractor the throughput benchmark compares against (never a runtime dependency).
bench: setup
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[dev,bench]"
	$(PY) benchmarks/throughput.py --pages 200
	$(PY) benchmarks/startup.py
	$(PY) benchmarks/bench_pipeline.py --docs 2000
	$(PY) benchmarks/bench_normalize.py --mb 20
	$(PY) benchmarks/bench_tag.py
	$(PY) benchmarks/stress.py
	$(PY) benchmarks/export_speed.py --sizes 10000 100000
	OMP_NUM_THREADS=1 $(PY) benchmarks/dedup_speed.py --sizes 10000 100000 --full
	$(PIPELINE) eval extraction

# The long ones (about an hour and 20 GB of generated input under benchmarks/out/): the real CLI
# at 1,000 / 10,000 / 100,000 documents, a run against 1,000,000 recorded inputs, 20 Dask runs.
bench-scale: setup
	$(PY) benchmarks/scale.py --sizes 1000 10000 --compare
	$(PY) benchmarks/scale.py --sizes 100000
	$(PY) benchmarks/history.py
	$(PY) benchmarks/dask_soak.py --runs 20

# Headless Chromium and a CJK font for the report's browser test. Installed
# when missing and we may (root with apt-get); otherwise the browser test skips
# and says why.
browser-deps:
	@if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "installing chromium, chromium-driver, fonts-noto-cjk (Debian packages) for the browser test"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver fonts-noto-cjk >/dev/null) \
			|| echo "warning: could not install chromium; the browser test will be skipped"; \
	else echo "note: chromium not installed; the browser test will be skipped"; fi

clean:
	rm -rf processed/articles processed/runs processed/reports processed/index.sqlite* processed/.staging processed/.lock
