"""Chinese wording of the diagnostics of names: English template -> Chinese template."""

ZH: dict[str, str] = {
}
