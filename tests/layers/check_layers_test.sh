#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# scripts/check-layers passes this tree, and fails a copy of it with one planted include of
# each kind it must refuse, and two reads past the services, naming each file and line.
set -euo pipefail
source_dir="$1"
check="$source_dir/scripts/check-layers"
"$check" --root "$source_dir" >/dev/null

tree="$(mktemp -d)"
trap 'rm -rf "$tree"' EXIT
cp -r "$source_dir/src" "$source_dir/include" "$tree/"
echo '#include "keystone/storage/database.h"' >> "$tree/src/app/window/mainwindow.h"
echo '#include "keystone/storage/backups.h"' >> "$tree/src/cli/commands.h"
echo '#include <QWidget>' >> "$tree/src/services/portfolio.cpp"
echo '#include <QtWidgets/QTableView>' >> "$tree/src/report/qbrreport.cpp"
echo '#include <QColor>' >> "$tree/include/keystone/domain/money.h"
echo '#include "keystone/services/portfolio.h"' >> "$tree/src/domain/money.cpp"
echo 'static int planted(keystone::services::Portfolio &p) { return int(p.accounts().count()); }' >> "$tree/src/app/window/mainwindow.cpp"
echo 'static void planted(keystone::services::Portfolio *p) { p->database(); }' >> "$tree/src/cli/filecommands.cpp"
set +e
out="$("$check" --root "$tree" 2>&1)"
code=$?
set -e
fail() { echo "FAILED: $1"; echo "$out"; exit 1; }
[ "$code" -eq 1 ] || fail "exit code $code, expected 1"
for expected in \
  "src/app/window/mainwindow.h:$(wc -l < "$tree/src/app/window/mainwindow.h"): app code includes a storage header" \
  "src/cli/commands.h:$(wc -l < "$tree/src/cli/commands.h"): cli code includes a storage header" \
  "src/services/portfolio.cpp:$(wc -l < "$tree/src/services/portfolio.cpp"): services code includes the widget header <QWidget>" \
  "src/report/qbrreport.cpp:$(wc -l < "$tree/src/report/qbrreport.cpp"): report code includes the widget header <QTableView>" \
  "include/keystone/domain/money.h:$(wc -l < "$tree/include/keystone/domain/money.h"): domain code includes <QColor>, which is not Qt Core" \
  "src/domain/money.cpp:$(wc -l < "$tree/src/domain/money.cpp"): domain code includes a services header" \
  "src/app/window/mainwindow.cpp:$(wc -l < "$tree/src/app/window/mainwindow.cpp"): app code reads through the Portfolio's accounts()" \
  "src/cli/filecommands.cpp:$(wc -l < "$tree/src/cli/filecommands.cpp"): cli code reads through the Portfolio's database()" \
  "8 include(s) or call(s) cross a layer's door"; do
  grep -qF "$expected" <<<"$out" || fail "missing: $expected"
done
echo "check-layers refused all eight planted includes and calls"
