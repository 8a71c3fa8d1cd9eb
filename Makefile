# `make demo` sets everything up and simulates the bundled shop program; `make test` runs the suite;
# `make typecheck` runs mypy and ruff; `make docs` builds the documentation site; `make play` opens the playground on the shop program.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: setup demo test typecheck bench fuzz lint play docs vscode clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[cli,test,docs,lsp,postgres,dev]'
	touch $(STAMP)

setup: $(STAMP)

# The bundled stream holds a few deliberately bad lines: simulate reports each on standard error,
# runs the rest and exits 1, which is what the demo shows (any other status is a real failure).
demo: $(STAMP)
	$(VENV)/bin/pointrules simulate examples/shop.points examples/shop.events.jsonl \
	  --members examples/shop.members.jsonl --awards shop-awards.jsonl || test $$? -eq 1
	@echo "awards written to shop-awards.jsonl (one JSON line per event and member)"

test: $(STAMP)
	$(PY) -m pytest

# The package type-checks and lints clean with the configuration in pyproject.toml; CI runs this
# after the suite (.ci/run).
typecheck: $(STAMP)
	$(VENV)/bin/mypy
	$(VENV)/bin/ruff check src

bench: $(STAMP)
	$(PY) bench/run.py

fuzz: $(STAMP)
	POINTRULES_FUZZ=long $(PY) -m pytest tests -k "property or fuzz" -p no:cacheprovider

lint: $(STAMP)
	$(VENV)/bin/pointrules lint examples

play: $(STAMP)
	$(VENV)/bin/pointrules play examples/shop.points

# The documentation site, English and Chinese, into site/ (open site/index.html); strict: a broken
# link or anchor fails. CI builds it too (tests/docs/test_site_build.py).
docs: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs build --strict

# The VS Code extension (editors/vscode): packed with vsce from the npm registry and installed with
# VS Code's `code` command; it starts this checkout's language server (`pointrules lsp`).
vscode: $(STAMP)
	cd editors/vscode && npm ci --no-audit --no-fund && npx --yes @vscode/vsce@3.9.2 package \
	  --allow-missing-repository --skip-license -o pointrules.vsix
	@if command -v code >/dev/null; then code --install-extension editors/vscode/pointrules.vsix; \
	else echo "VS Code's \`code\` command is not on the path: install editors/vscode/pointrules.vsix from VS Code's Extensions view (… > Install from VSIX)"; fi
	@echo "set pointrules.server.command to [\"$(abspath $(VENV))/bin/pointrules\", \"lsp\"] unless that pointrules is on VS Code's path"

clean:
	rm -rf $(VENV) build dist site .pytest_cache editors/vscode/node_modules editors/vscode/pointrules.vsix \
	  tests/editors/textmate_node/node_modules
