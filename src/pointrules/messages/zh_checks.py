"""Chinese wording of the diagnostics of checks: English template -> Chinese template."""

ZH: dict[str, str] = {
}
