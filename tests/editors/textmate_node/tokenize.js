// Tokenizes files with VS Code's TextMate engine and Oniguruma, as the editor does:
//   node tokenize.js GRAMMAR.json FILE...   ->  JSON: {file: [[line, start, end, [scopes…]], …]}
// Columns count characters (code points), to compare with Python's.
const fs = require("fs");
const path = require("path");
const vsctm = require("vscode-textmate");
const oniguruma = require("vscode-oniguruma");

async function main([grammarPath, ...files]) {
  const wasm = fs.readFileSync(path.join(path.dirname(require.resolve("vscode-oniguruma")), "onig.wasm"));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async () => vsctm.parseRawGrammar(fs.readFileSync(grammarPath, "utf8"), grammarPath),
  });
  const grammar = await registry.loadGrammar("source.points");
  const out = {};
  for (const file of files) {
    let stack = vsctm.INITIAL;
    const tokens = [];
    fs.readFileSync(file, "utf8").split("\n").forEach((line, i) => {
      const result = grammar.tokenizeLine(line, stack);
      const chars = (units) => Array.from(line.slice(0, units)).length;
      for (const t of result.tokens) {
        tokens.push([i + 1, chars(t.startIndex), chars(Math.min(t.endIndex, line.length)), t.scopes]);
      }
      stack = result.ruleStack;
    });
    out[file] = tokens;
  }
  process.stdout.write(JSON.stringify(out));
}

main(process.argv.slice(2)).catch((error) => {
  console.error(error);
  process.exit(1);
});
