"""Routing: which body of the mediation network takes a dispute, and why.

Pure (no store, no rich): the services layer (`mediate.services.routing`) wires it to the
database. Modules, in the order a rules file travels through them:

- `source`   — YAML with positions (file:line:column for every key and item);
- `schema`   — the rules language, validated into a `RulesSpec` (every error at once);
- `analysis` — what can be proved about conditions: shadowed and overlapping routes;
- `engine`   — the compiled tree (`compile_rules`) and the `Router` (`route`, `explain`);
- `loader`   — read + validate + compile + content hash (`load_rules_file`);
- `network`  — the bodies and divisions (`Network`: nearest body, county of a place);
- `causes`   — the 案由 taxonomy (`Taxonomy`: groups above a cause, keyword inference);
- `testing`  — rule test files; `lint` — `rules lint`.
"""
