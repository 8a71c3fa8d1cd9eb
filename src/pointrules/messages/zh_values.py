"""Chinese wording of the diagnostics of values: English template -> Chinese template."""

ZH: dict[str, str] = {
}
