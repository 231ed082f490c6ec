# tests/lib.sh: what the shell tests share, sourced first: ok and bad print a check's verdict
# and count it (pass, fail), and $tmp is a scratch folder removed when the test exits.
pass=0 fail=0
ok() { echo "ok   $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1"; fail=$((fail + 1)); }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
