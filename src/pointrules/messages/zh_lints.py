"""Chinese wording of the diagnostics of lints: English template -> Chinese template."""

ZH: dict[str, str] = {
}
