#!/usr/bin/env bash
# A persistent converter for tests: one JSON job per line on stdin, one answer line per job on stdout. It copies the
# chunk and writes what it does to LOG, one line each, so a test can count start-ups and conversions:
#   up PID PPID | start SESSION INDEX PID PPID | done SESSION INDEX PID PPID | fail SESSION INDEX PID PPID
# In MARKS: a file poison-SESSION-INDEX makes that chunk fail on every try; slow-SESSION-INDEX makes its first try
# hang (the file is taken), so a test can kill the worker mid-job. LOAD_SECONDS (optional) stands for a model load.
#   counting-converter.sh LOG MARKS [LOAD_SECONDS]
log="$1"
marks="$2"
[ -n "${3:-}" ] && sleep "$3"
echo "up $$ $PPID" >>"$log"
field() { [[ $line =~ \"$1\":\"?([^\",}]*) ]] && printf '%s' "${BASH_REMATCH[1]}"; }
while IFS= read -r line; do
  input="$(field input)"; output="$(field output)"; session="$(field session)"; index="$(field index)"
  echo "start $session $index $$ $PPID" >>"$log"
  if [ -e "$marks/poison-$session-$index" ]; then
    echo "fail $session $index $$ $PPID" >>"$log"
    echo '{"ok":false,"error":"this chunk is poison"}'
    continue
  fi
  if mv "$marks/slow-$session-$index" "$marks/slow-taken-$session-$index" 2>/dev/null; then
    echo "slow $session $index $$ $PPID" >>"$log"
    sleep 120
  fi
  if cp "$input" "$output"; then
    echo "done $session $index $$ $PPID" >>"$log"
    echo '{"ok":true}'
  else
    echo '{"ok":false,"error":"could not copy"}'
  fi
done
