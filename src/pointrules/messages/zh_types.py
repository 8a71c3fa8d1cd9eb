"""Chinese wording of the diagnostics of types: English template -> Chinese template."""

ZH: dict[str, str] = {
}
