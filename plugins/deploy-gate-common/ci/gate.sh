#!/bin/sh
# Asks the Backstage deploy gate (POST /api/deploy-gate/decisions) whether a deploy may
# go, prints the decision with its reasons, and exits with the answer. POSIX sh, curl,
# awk and sed only (alpine, busybox, curlimages/curl, Debian). Source of truth for every
# pipeline: GitLab CI, GitHub Actions, a plain step, the golden paths' Argo CD PreSync
# hook. See plugins/deploy-gate-common/README.md.
#
# Settings (environment):
#   DEPLOY_GATE_URL             the gate, e.g. https://portal.example.com/api/deploy-gate
#                               (default $BACKSTAGE_URL/api/deploy-gate)
#   DEPLOY_GATE_TOKEN           a Backstage token: for a pipeline an external-access
#                               static token (required)
#   DEPLOY_GATE_ENTITY_REF      component:default/checkout (required)
#   DEPLOY_GATE_ENVIRONMENT     default production
#   DEPLOY_GATE_KIND            deploy (default), rollback, remediation or hotfix
#   DEPLOY_GATE_REMEDIATES      the incident a remediation remediates
#   DEPLOY_GATE_VERSION         informational
#   DEPLOY_GATE_COMMIT_SHA      default $CI_COMMIT_SHA, else $GITHUB_SHA
#   DEPLOY_GATE_REQUESTED_BY    default $GITLAB_USER_LOGIN, else $GITHUB_ACTOR
#   DEPLOY_GATE_OVERRIDE_REASON deploy although the gate denies (needs the
#                               deploy-gate.override permission)
#   DEPLOY_GATE_UNREACHABLE     pass (default) or fail: what no answer means (portal down,
#                               timeout, 5xx, a 200 that is not a decision)
#   DEPLOY_GATE_WARN_EXIT_CODE  exit code of a warn and of a passed no answer, default 0
#                               (GitLab: an allow_failure exit code shows a warning)
#   DEPLOY_GATE_TIMEOUT         seconds per attempt, default 20
#   DEPLOY_GATE_RETRIES         retries of a failed attempt, default 2
#
# Exit codes: 0 allow; DEPLOY_GATE_WARN_EXIT_CODE (0) on warn, and on no answer when
# DEPLOY_GATE_UNREACHABLE=pass; 1 deny; 2 the request is wrong or refused (a setting
# missing, a 4xx answer); 3 no answer when DEPLOY_GATE_UNREACHABLE=fail.
set -u

say() { printf 'deploy gate: %s\n' "$*"; }

# GitHub Actions shows ::error:: and ::warning:: lines as annotations.
annotate() {
  if [ "${GITHUB_ACTIONS:-}" = true ]; then
    printf '::%s title=Deploy gate::%s\n' "$1" "$(printf '%s' "$2" | sed 's/%/%25/g')"
  fi
}

usage_error() {
  say "$*"
  annotate error "$*"
  exit 2
}

# A JSON string of $1: backslash, quote, tab and newline escaped, other controls dropped.
json_string() {
  printf '"'
  printf '%s' "$1" | tr -d '\001-\010\013-\037' |
    sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e "s/$(printf '\t')/\\\\t/g" |
    awk 'NR > 1 { printf "%s", "\\n" } { printf "%s", $0 }'
  printf '"'
}

# Flattens a JSON document into lines `path<TAB>value` (`reasons.0.code<TAB>frozen`);
# strings unescaped (\uXXXX kept as written), tabs and newlines in values as spaces.
# Exits 1 on a document it cannot read.
JSON_FLATTEN='
function ws() { while (P <= N && index(" \t\r\n", substr(S, P, 1)) > 0) P++ }
function str(   out, e) {
  P++; out = ""
  while (P <= N) {
    if (match(substr(S, P, 4096), /^[^"\\]+/)) { out = out substr(S, P, RLENGTH); P += RLENGTH; continue }
    if (substr(S, P, 1) == "\"") { P++; return out }
    e = substr(S, P + 1, 1); P += 2
    if (e == "u") { out = out "\\u" substr(S, P, 4); P += 4 }
    else if (e == "n" || e == "r" || e == "t" || e == "b" || e == "f") out = out " "
    else out = out e
  }
  BAD = 1; return out
}
function emit(path, v) { gsub(/[\t\r\n]/, " ", v); print path "\t" v }
function key(path, k) { return path == "" ? k : path "." k }
function value(path,   c, i, k) {
  ws(); c = substr(S, P, 1)
  if (c == "{" || c == "[") {
    P++; ws(); i = 0
    if (substr(S, P, 1) == (c == "{" ? "}" : "]")) { P++; return }
    while (P <= N && !BAD) {
      if (c == "{") {
        ws(); if (substr(S, P, 1) != "\"") { BAD = 1; return }
        k = str(); ws()
        if (substr(S, P, 1) != ":") { BAD = 1; return }
        P++; value(key(path, k))
      } else { value(key(path, i)); i++ }
      ws(); k = substr(S, P, 1); P++
      if (k == (c == "{" ? "}" : "]")) return
      if (k != ",") { BAD = 1; return }
    }
    BAD = 1; return
  }
  if (c == "\"") { emit(path, str()); return }
  if (match(substr(S, P, 64), /^[-+.0-9A-Za-z]+/)) { emit(path, substr(S, P, RLENGTH)); P += RLENGTH; return }
  BAD = 1
}
{ S = S $0 "\n" }
END { N = length(S); P = 1; value(""); ws(); if (BAD || P <= N) exit 1 }
'

# The value at a path of the flattened answer ($flat); empty when absent.
field() {
  printf '%s\n' "$flat" | awk -v k="$1" 'index($0, k "\t") == 1 { print substr($0, length(k) + 2); exit }'
}

print_reasons() {
  i=0
  while :; do
    code=$(field "reasons.$i.code")
    message=$(field "reasons.$i.message")
    [ -n "$code$message" ] || break
    printf '  - %s: %s\n' "$code" "$message"
    link=$(field "reasons.$i.link")
    [ -z "$link" ] || printf '    %s\n' "$link"
    i=$((i + 1))
  done
}

# --- settings ----------------------------------------------------------------------
url=${DEPLOY_GATE_URL:-}
if [ -z "$url" ] && [ -n "${BACKSTAGE_URL:-}" ]; then
  url="${BACKSTAGE_URL%/}/api/deploy-gate"
fi
url=${url%/}
token=${DEPLOY_GATE_TOKEN:-}
entity=${DEPLOY_GATE_ENTITY_REF:-}
environment=${DEPLOY_GATE_ENVIRONMENT:-production}
kind=${DEPLOY_GATE_KIND:-deploy}
commit=${DEPLOY_GATE_COMMIT_SHA:-${CI_COMMIT_SHA:-${GITHUB_SHA:-}}}
requested_by=${DEPLOY_GATE_REQUESTED_BY:-${GITLAB_USER_LOGIN:-${GITHUB_ACTOR:-}}}
unreachable=${DEPLOY_GATE_UNREACHABLE:-pass}
warn_exit=${DEPLOY_GATE_WARN_EXIT_CODE:-0}
timeout=${DEPLOY_GATE_TIMEOUT:-20}
retries=${DEPLOY_GATE_RETRIES:-2}

[ -n "$url" ] || usage_error 'DEPLOY_GATE_URL (or BACKSTAGE_URL) is not set'
[ -n "$token" ] || usage_error 'DEPLOY_GATE_TOKEN is not set (a Backstage token; for a pipeline an external-access static token)'
[ -n "$entity" ] || usage_error 'DEPLOY_GATE_ENTITY_REF is not set (e.g. component:default/checkout)'
case "$unreachable" in pass | fail) ;; *) usage_error "DEPLOY_GATE_UNREACHABLE must be pass or fail, not '$unreachable'" ;; esac
for number in "$warn_exit" "$timeout" "$retries"; do
  case "$number" in '' | *[!0-9]*) usage_error "DEPLOY_GATE_WARN_EXIT_CODE, DEPLOY_GATE_TIMEOUT and DEPLOY_GATE_RETRIES must be whole numbers, not '$number'" ;; esac
done

request="{\"entityRef\":$(json_string "$entity"),\"environment\":$(json_string "$environment"),\"kind\":$(json_string "$kind")"
[ -z "${DEPLOY_GATE_VERSION:-}" ] || request="$request,\"version\":$(json_string "$DEPLOY_GATE_VERSION")"
[ -z "$commit" ] || request="$request,\"commitSha\":$(json_string "$commit")"
[ -z "${DEPLOY_GATE_REMEDIATES:-}" ] || request="$request,\"remediates\":$(json_string "$DEPLOY_GATE_REMEDIATES")"
[ -z "$requested_by" ] || request="$request,\"requestedBy\":$(json_string "$requested_by")"
[ -z "${DEPLOY_GATE_OVERRIDE_REASON:-}" ] || request="$request,\"override\":{\"reason\":$(json_string "$DEPLOY_GATE_OVERRIDE_REASON")}"
request="$request}"

# --- ask -----------------------------------------------------------------------------
work=$(mktemp -d) || exit 3
trap 'rm -rf "$work"' EXIT
# The token goes in a header file, not on curl's command line (visible to ps).
umask 077
printf 'Authorization: Bearer %s\n' "$token" >"$work/headers"
printf '%s' "$request" >"$work/request"

what="$kind of $entity to $environment"
say "asking $url/decisions: $what"
status=$(curl -sS -o "$work/answer" -w '%{http_code}' -X POST "$url/decisions" \
  -H "@$work/headers" -H 'Content-Type: application/json' -H 'Accept: application/json' \
  --data-binary "@$work/request" --connect-timeout 10 --max-time "$timeout" \
  --retry "$retries" --retry-connrefused 2>"$work/curl-error")
curl_exit=$?

no_answer() {
  if [ "$unreachable" = fail ]; then
    say "NO ANSWER: $1"
    say "the deploy stops here (DEPLOY_GATE_UNREACHABLE=fail)"
    annotate error "no answer from the deploy gate: $1"
    exit 3
  fi
  say '##########################################################################'
  say "NO ANSWER: $1"
  say "deploying WITHOUT the gate's decision (DEPLOY_GATE_UNREACHABLE=pass)"
  say '##########################################################################'
  annotate warning "no answer from the deploy gate, deploying without its decision: $1"
  exit "$warn_exit"
}

if [ "$curl_exit" != 0 ]; then
  no_answer "$(head -c 500 "$work/curl-error" | tr '\n' ' ') (curl exit $curl_exit)"
fi
flat=$(awk "$JSON_FLATTEN" "$work/answer" 2>/dev/null) || flat=
case "$status" in
  2??) ;;
  4??)
    message=$(field error.message)
    [ -n "$message" ] || message=$(head -c 500 "$work/answer" | tr '\n' ' ')
    usage_error "the gate refused the request (HTTP $status): $message"
    ;;
  *)
    message=$(field error.message)
    no_answer "HTTP $status from $url/decisions${message:+: $message}"
    ;;
esac

decision=$(field decision)
decision_id=$(field decisionId)
case "$decision" in
  allow)
    say "ALLOW: $what (decision $decision_id)"
    print_reasons
    exit 0
    ;;
  warn)
    say "WARN: $what (decision $decision_id); deploying, read why:"
    print_reasons
    annotate warning "warn: $what; $(field reasons.0.message)"
    exit "$warn_exit"
    ;;
  deny)
    say "DENY: $what (decision $decision_id)"
    print_reasons
    say 'the deploy stops here. A rollback passes (DEPLOY_GATE_KIND=rollback), so does a'
    say 'remediation naming its incident (DEPLOY_GATE_KIND=remediation, DEPLOY_GATE_REMEDIATES);'
    say 'an override needs the deploy-gate.override permission (DEPLOY_GATE_OVERRIDE_REASON).'
    annotate error "deny: $what; $(field reasons.0.message)"
    exit 1
    ;;
  *) no_answer "HTTP $status without a decision from $url/decisions: $(head -c 200 "$work/answer" | tr '\n' ' ')" ;;
esac
