/** The CLI's version, as `--version` prints it and reports (SARIF) name the tool. */
export const VERSION = '0.1.0';
