"""Runs Data to Insight's CIN validator on one census file and writes its findings as CSV.

Usage: /usr/bin/python3 d2i_findings.py D2I_WORKTREE FILE.xml RULESET OUT.csv

Output columns: LAchildID, Rule (one row per distinct pair; LAchildID is empty for a return-level rule).
D2I's own code is not part of Hearth: clone it outside the repository and pass its path.
"""
import contextlib
import csv
import importlib
import io
import sys
import xml.etree.ElementTree as ET

import pandas as pd


def main(d2i_path, file_name, ruleset, out_name):
    sys.path.insert(0, d2i_path)
    from cin_validator import cin_validator

    root = ET.parse(file_name).getroot()
    data_files = cin_validator.process_data(cin_validator.convert_data(root))
    registry = getattr(importlib.import_module(f"cin_validator.rules.{ruleset}"), "registry")

    # A rule that pushes an issue with no row (NaN ROW_ID) makes D2I's own child lookup fail for the whole file;
    # such an issue names no child, so it is dropped here and reported on standard error.
    include_issue_child = cin_validator.include_issue_child

    def include_located_issues(issue_df, cin_data):
        if "ROW_ID" in issue_df and "tables_affected" in issue_df:
            lost = issue_df["tables_affected"].notna() & issue_df["ROW_ID"].isna()
            for rule in sorted(set(map(str, issue_df.loc[lost, "rule_code"]))):
                print(f"d2i: rule {rule} reported an issue with no row; dropped", file=sys.stderr)
            issue_df = issue_df[~lost]
        return include_issue_child(issue_df, cin_data)

    cin_validator.include_issue_child = include_located_issues
    log = io.StringIO()
    with contextlib.redirect_stdout(log):
        validator = cin_validator.CinValidator(data_files, registry)
    for line in log.getvalue().splitlines():
        if line.startswith("Error with rule"):
            print(f"d2i: {line}", file=sys.stderr)

    pairs = set()
    issues = validator.full_issue_df
    for child, rule in zip(issues["child_id"], issues["rule_code"]):
        pairs.add(("" if pd.isna(child) else str(child), str(rule)))
    for rule in validator.multichild_issues["rule_code"] if len(validator.multichild_issues) else []:
        pairs.add(("", str(rule)))
    with open(out_name, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["LAchildID", "Rule"])
        for child, rule in sorted(pairs, key=lambda p: (p[1], p[0])):
            writer.writerow([child, rule])


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    main(*sys.argv[1:])
