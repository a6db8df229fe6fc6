#!/usr/bin/env bash
# EMR bootstrap action: fail the cluster at start-up, with a clear reason, when a node cannot read the
# database credentials the Tributary steps need, instead of letting every step fail later.
# Args: the SSM parameter names of the JDBC URL, user and password (default: the seed's names).
set -euo pipefail
params=("${@:-}")
if [[ -z "${params[0]}" ]]; then
  params=(postgre-jdbcurl postgre-user postgre-psswd)
fi
java_version=$(java -version 2>&1 | head -n 1 || true)
if [[ "$java_version" != *'"17'* && "$java_version" != *'"21'* ]]; then
  echo "tributary bootstrap: Java 17+ expected on the node, found: ${java_version:-none}" >&2
  exit 1
fi
for name in "${params[@]}"; do
  if ! aws ssm get-parameter --name "$name" --with-decryption --query Parameter.Name --output text >/dev/null; then
    echo "tributary bootstrap: cannot read SSM parameter '$name'; check the instance role's ssm:GetParameter and kms:Decrypt" >&2
    exit 1
  fi
done
echo "tributary bootstrap: node can read ${#params[@]} credential parameters"
