"""One module per command group: parse, call one service, render with console."""
