# VS Code's TextMate engine (vscode-textmate and vscode-oniguruma from the npm registry) for
# tests/editors/test_textmate_engine.py, which tokenizes every example with it. Needs Node.js and npm
# (on this kind of machine already; Debian's packages otherwise). npm ci is idempotent.
if ! command -v npm >/dev/null; then
  apt-get update -qq && apt-get install -y -qq nodejs npm
fi
npm ci --prefix tests/editors/textmate_node --no-audit --no-fund --loglevel=error
