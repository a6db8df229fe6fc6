#!/usr/bin/env bash
# Makes AWS's API models (botocore's service definitions, from Debian's python3-botocore) available to the tests
# that check Tributary's requests against them (orchestration-lambdas' AwsApiShapesTest). Uses the installed
# package if there is one; otherwise downloads the package and unpacks it under <dest> (no root needed).
# Usage: cloudformation/aws-models.sh <dest>
set -euo pipefail
dest=${1:?usage: aws-models.sh <dest>}
installed=/usr/lib/python3/dist-packages/botocore/data
unpacked="$dest/usr/lib/python3/dist-packages/botocore/data"
if [[ -d "$installed" ]]; then
  echo "AWS API models: $installed"
  exit 0
fi
if [[ -d "$unpacked" ]]; then
  echo "AWS API models: $unpacked"
  exit 0
fi
mkdir -p "$dest"
cd "$dest"
if ! apt-get download python3-botocore 2>/dev/null; then
  # The package lists may be missing on a fresh machine; root can fetch them.
  if [[ $(id -u) -eq 0 ]]; then
    apt-get update -q >/dev/null && apt-get download python3-botocore
  else
    echo "cannot download Debian's python3-botocore: install it (apt-get install python3-botocore)" >&2
    exit 1
  fi
fi
dpkg-deb -x python3-botocore_*.deb .
rm -f python3-botocore_*.deb
echo "AWS API models: $unpacked"
