// Starts `pointrules lsp` (the language server of the pointrules package) for .points files.
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const settings = vscode.workspace.getConfiguration("pointrules");
  const [command, ...args] = settings.get("server.command", ["pointrules", "lsp"]);
  const server = { command, args };
  const options = {
    documentSelector: [
      { scheme: "file", language: "points" },
      { scheme: "untitled", language: "points" },
    ],
    initializationOptions: { language: settings.get("language", "en") },
    // a changed pointrules.language reaches the server as workspace/didChangeConfiguration
    synchronize: { configurationSection: "pointrules" },
  };
  client = new LanguageClient("pointrules", "pointrules", server, options);
  context.subscriptions.push(client);
  return client.start().catch((error) => {
    vscode.window.showErrorMessage(
      `pointrules: cannot start \`${[command, ...args].join(" ")}\` (${error.message}). ` +
        "Install the server with `pip install 'pointrules[lsp]'` or set pointrules.server.command.");
  });
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
