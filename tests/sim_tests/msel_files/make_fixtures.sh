#!/usr/bin/env bash
# Makes the LibreOffice MSEL fixtures in this folder from scenario.toml: the MSEL exported by
# stormdrill, opened and saved by LibreOffice Calc (headless, `apt-get install
# libreoffice-calc-nogui`) in English (en-US) and Italian (it-IT) settings, as CSV and as .xlsx.
# CSV is opened as Calc's Text Import does with "Detect special numbers" ticked, which is what
# turns a deadline of 2:00 into a time ("02:00:00 AM" in English, "02:00:00" in Italian).
# Run from the repository: bash tests/sim_tests/msel_files/make_fixtures.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
stormdrill scenarios msel export "$here/scenario.toml" --out "$work/msel.csv" >/dev/null
stormdrill scenarios msel export "$here/scenario.toml" --out "$work/msel.xlsx" >/dev/null

calc() {  # calc LOCALE LANGUAGE_ID INFILTER OUTFILTER INPUT OUTPUT
    local out="$work/out-$1"
    mkdir -p "$out"
    soffice -env:UserInstallation="file://$work/profile-$1" --headless --nologo \
        ${3:+--infilter="$3"} --convert-to "$4" --outdir "$out" "$5" >/dev/null 2>&1
    mv "$out/$(basename "${5%.*}").${4%%:*}" "$here/$6"
}

# CSV filter options: separator, text delimiter, UTF-8 (76), first line, column formats,
# language, quoted field as text, detect special numbers.
for setting in en-US:1033 it-IT:1040; do
    locale="${setting%%:*}" language="${setting##*:}"
    import="CSV:44,34,76,1,,$language,false,true"
    calc "$locale" "$language" "$import" "csv:Text - txt - csv (StarCalc):44,34,76,1,,$language" \
        "$work/msel.csv" "libreoffice-$locale.csv"
    calc "$locale" "$language" "$import" "xlsx:Calc MS Excel 2007 XML" \
        "$work/msel.csv" "libreoffice-$locale-from-csv.xlsx"
    calc "$locale" "$language" "" "xlsx:Calc MS Excel 2007 XML" \
        "$work/msel.xlsx" "libreoffice-$locale.xlsx"
    calc "$locale" "$language" "" "csv:Text - txt - csv (StarCalc):44,34,76,1,,$language" \
        "$work/msel.xlsx" "libreoffice-$locale-from-xlsx.csv"
done
# Italian settings saving with Calc's other usual separator, the semicolon (59).
calc it-IT 1040 "CSV:44,34,76,1,,1040,false,true" \
    "csv:Text - txt - csv (StarCalc):59,34,76,1,,1040" "$work/msel.csv" \
    "libreoffice-it-IT-semicolon.csv"
