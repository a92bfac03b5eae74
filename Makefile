# Waarborg — the two commands of the README, and the pieces they are made of.
#   make demo   set up everything and start the demo on http://127.0.0.1:8080
#   make test   set up everything and run every check (format, lint, types, tests)

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
HOST ?= 127.0.0.1
PORT ?= 8080

.PHONY: demo test check lint types pytest system-deps serve clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# The tests also need llama-cpp-python (compiled, 7-10 min on two cores, cached by pip after
# that); built portably so the result runs on any x86-64 machine. The demo does not need it.
$(TEST_STAMP): $(STAMP)
	CMAKE_ARGS="-DGGML_NATIVE=OFF" $(BIN)/python -m pip install --quiet -e '.[dev,llama]'
	touch $(TEST_STAMP)

demo: $(STAMP)
	$(BIN)/waarborg demo --host $(HOST) --port $(PORT)

serve: $(STAMP)
	$(BIN)/waarborg serve --host $(HOST) --port $(PORT)

test: system-deps $(TEST_STAMP) check

check: lint types pytest

lint: $(STAMP)
	$(BIN)/ruff format --check waarborg tests benchmarks
	$(BIN)/ruff check waarborg tests benchmarks

types: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest $(PYTEST_ARGS)

# Debian's Chromium for the browser tests (installed when running as root and missing).
system-deps:
	@sh scripts/system-deps.sh

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
