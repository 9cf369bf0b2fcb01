# The two commands of the README. Each creates .venv and installs smanalytics
# into it first, so they work on a fresh machine with nothing installed by hand.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: reports test samples messages catalogs clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test,lab]"
	touch $(STAMP)

## reports: the main job, one report per sample client into reports/ (open reports/index.html)
reports: $(STAMP)
	$(BIN)/smanalytics batch data/samples/clients.yaml --out reports

## test: the test suite (unit tests, doctests, notebooks under nbval)
test: $(STAMP)
	$(BIN)/python -m pytest -q

## samples: regenerate data/samples/ from the seeded generator
samples: $(STAMP)
	$(BIN)/python -m smanalytics.samples

## messages: gather the package's messages into the catalogs (then translate the new ones)
messages: $(STAMP)
	$(BIN)/python -m smanalytics.i18n.catalogs messages

## catalogs: compile the translated catalogs (.po) into the .mo files reports read
catalogs: $(STAMP)
	$(BIN)/python -m smanalytics.i18n.catalogs compile

clean:
	rm -rf $(VENV)
