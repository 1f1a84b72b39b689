#!/usr/bin/env bash
# Measures what the full screen costs training. The digits MLP of sessions/digits-mlp.lab runs
# headless and with the screen open in a private tmux server (80x24 and 160x50), interleaved.
# The script prints each mode's samples/s, the screen-to-headless ratio with its spread, how
# busy other processes kept the machine, and the keystroke echo latency while training.
#
# usage: scripts/screen-throughput.sh [--rounds N] [--epochs N] [--keys N] [--quiet-wait S]
#
#   --rounds N      rounds of headless, 80x24 and 160x50 runs (default 5)
#   --epochs N      epochs per run (default 800, about 5 s of `train` on a quiet 2-core machine)
#   --keys N        keystrokes timed for the echo latency, 0 to skip (default 40)
#   --quiet-wait S  before each run, wait up to S seconds for a second in which other
#                   processes keep fewer than 0.3 cores busy (default 30, 0 to start at once)
#
# LAYERLAB_BIN names the binary (default .build/release/layerlab; build it with
# `swift build -c release`). Needs tmux and awk. Prints one line per run and a summary.
#
# Figures: "epoch samples/s" is the median over the run's epochs of the samples_per_second
# that `export metrics` writes (the time of the training steps alone, as `layerlab run --json`
# reports it). "wall samples/s" is the training rows of all epochs divided by the seconds of the
# whole `train` command, evaluation and the screen's work on the training thread included.
# "others" is the cores that other processes kept busy during the run: the busy time in
# /proc/stat minus the CPU time of this script's processes, layerlab and the tmux server,
# divided by the run's wall time. A run counts as quiet below 0.3.

set -euo pipefail

rounds=5
epochs=800
keys=40
quiet_wait=30
while (($# > 0)); do
    case "$1" in
    --rounds) rounds=$2; shift 2 ;;
    --epochs) epochs=$2; shift 2 ;;
    --keys) keys=$2; shift 2 ;;
    --quiet-wait) quiet_wait=$2; shift 2 ;;
    -h | --help) sed -n '2,/^$/s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) echo "screen-throughput: unknown option '$1'; see --help" >&2; exit 2 ;;
    esac
done
for value in "$rounds" "$epochs" "$keys" "$quiet_wait"; do
    if ! [[ $value =~ ^[0-9]+$ ]]; then
        echo "screen-throughput: '$value' is not a whole number; see --help" >&2
        exit 2
    fi
done

root=$(cd "$(dirname "$0")/.." && pwd)
bin=${LAYERLAB_BIN:-$root/.build/release/layerlab}
if [[ ! -x $bin ]]; then
    echo "screen-throughput: no binary at $bin; run \`swift build -c release\` first" >&2
    exit 2
fi
command -v tmux >/dev/null || { echo "screen-throughput: needs tmux" >&2; exit 2; }

work=$(mktemp -d /tmp/screen-throughput.XXXXXX)
socket=$work/tmux.sock
tm() { tmux -S "$socket" -f /dev/null "$@"; }
cleanup() {
    tm kill-server 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

ticks=$(getconf CLK_TCK)
train_rows=1438

# --- CPU accounting ------------------------------------------------------------------------

# Prints the machine's busy ticks: every state of the first /proc/stat line but idle and iowait.
machine_busy() {
    awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat
}

# Prints the user and system ticks of process $1 (0 when it is gone).
process_ticks() {
    awk '{ sub(/.*\) /, ""); print $12 + $13 }' "/proc/$1/stat" 2>/dev/null || echo 0
}

# Prints the ticks of this shell's finished children: every tmux client, awk and headless run.
children_ticks() {
    awk '{ sub(/.*\) /, ""); print $14 + $15 }' /proc/$$/stat
}

tmux_server_ticks() {
    local pid
    pid=$(tm display-message -p '#{pid}' 2>/dev/null || true)
    if [[ -n $pid ]]; then process_ticks "$pid"; else echo 0; fi
}

# Waits until other processes keep fewer than 0.3 cores busy for one second, at most
# $quiet_wait seconds.
wait_for_quiet() {
    local deadline=$((SECONDS + quiet_wait)) busy0 own0 busy1 own1
    while ((SECONDS < deadline)); do
        busy0=$(machine_busy); own0=$(children_ticks)
        sleep 1
        busy1=$(machine_busy); own1=$(children_ticks)
        if awk -v b=$((busy1 - busy0)) -v o=$((own1 - own0)) -v t="$ticks" \
            'BEGIN { exit !((b - o) / t < 0.3) }'; then
            return 0
        fi
    done
}

# --- the session -------------------------------------------------------------------------

# The digits MLP session up to its `train` line, with the data path made absolute, then a
# longer run, a `wait` that keeps the screen open while the script reads the training line,
# and the metrics export.
make_session() {
    local session=$1 metrics=$2 count=$3
    sed -e '/^train /,$d' -e "s#\.\./samples/#$root/samples/#" \
        "$root/sessions/digits-mlp.lab" >"$session"
    printf 'train %s epochs\nwait\nexport metrics %s\nquit\n' "$count" "$metrics" >>"$session"
}

# Prints the median epoch samples/s of a metrics file.
median_epoch_rate() {
    grep -o '"samples_per_second": [0-9.e+-]*' "$1" | awk '{ print $2 }' | sort -g |
        awk '{ v[NR] = $1 } END { if (NR == 0) print 0; else print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# Prints the seconds of the `trained N epochs (...) in X s` line in the text on stdin.
train_seconds() {
    grep -o 'trained [0-9]* epochs ([0-9,]* steps) in [0-9.]* s' | head -n 1 |
        awk '{ print $(NF - 1) }'
}

# --- runs ----------------------------------------------------------------------------------

results=$work/results.txt
: >"$results"

# Runs one headless run and appends "headless - epoch_rate wall_rate others fps" to $results.
run_headless() {
    local round=$1 session=$work/headless-$1.lab metrics=$work/headless-$1.jsonl
    make_session "$session" "$metrics" "$epochs"
    wait_for_quiet
    local busy0 own0 start end busy1 own1 seconds
    busy0=$(machine_busy); own0=$(children_ticks); start=$EPOCHREALTIME
    # setsid gives the run a session of its own, as tmux gives each screen run. With the
    # kernel's autogroup scheduling, each session shares the processors as one group, so a run
    # in this script's session would share its group with whatever else that session runs.
    (cd "$work" && setsid -w "$bin" run "$session" >"$work/headless-$round.txt" 2>&1)
    end=$EPOCHREALTIME; busy1=$(machine_busy); own1=$(children_ticks)
    seconds=$(train_seconds <"$work/headless-$round.txt")
    record headless - "$metrics" "$seconds" $((busy1 - busy0)) $((own1 - own0)) \
        "$start" "$end" -
}

# Runs one screen run at $2x$3 and appends its line to $results.
run_screen() {
    local round=$1 width=$2 height=$3
    local name=screen-$width-$round
    local session=$work/$name.lab metrics=$work/$name.jsonl
    make_session "$session" "$metrics" "$epochs"
    wait_for_quiet
    local busy0 own0 server0 start end busy1 own1 server1 pid text seconds="" fps_samples=()
    server0=$(tmux_server_ticks)
    busy0=$(machine_busy); own0=$(children_ticks); start=$EPOCHREALTIME
    tm new-session -d -s "$name" -x "$width" -y "$height" \
        "cd '$work' && echo \$\$ >'$work/$name.pid' && exec env LANG=C.UTF-8 \
XDG_STATE_HOME='$work/state' '$bin' '$session'; sleep 600"
    while [[ ! -s $work/$name.pid ]]; do sleep 0.05; done
    pid=$(<"$work/$name.pid")
    local deadline=$((SECONDS + 60 + epochs))
    while ((SECONDS < deadline)); do
        sleep 0.5
        text=$(tm capture-pane -p -t "$name")
        if [[ $text == *"press Enter to continue"* ]]; then
            seconds=$(train_seconds <<<"$text")
            break
        fi
        if [[ $text =~ training.*\ ([0-9.]+)\ fps ]]; then
            fps_samples+=("${BASH_REMATCH[1]}")
        fi
    done
    end=$EPOCHREALTIME; busy1=$(machine_busy); own1=$(children_ticks)
    local layerlab_ticks
    layerlab_ticks=$(process_ticks "$pid")
    server1=$(tmux_server_ticks)
    tm send-keys -t "$name" Enter
    # The Enter lets the session export its metrics and quit.
    local exit_deadline=$((SECONDS + 30))
    while kill -0 "$pid" 2>/dev/null && ((SECONDS < exit_deadline)); do sleep 0.1; done
    local fps=-
    if ((${#fps_samples[@]} > 0)); then
        fps=$(printf '%s\n' "${fps_samples[@]}" | sort -g |
            awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
    fi
    record screen "${width}x$height" "$metrics" "$seconds" $((busy1 - busy0)) \
        $((own1 - own0 + layerlab_ticks + server1 - server0)) "$start" "$end" "$fps"
    tm kill-session -t "$name" 2>/dev/null || true
}

# Appends one result line: mode size epoch_rate wall_rate others fps.
record() {
    local mode=$1 size=$2 metrics=$3 seconds=$4 busy=$5 own=$6 start=$7 end=$8 fps=$9
    local epoch_rate wall_rate others
    epoch_rate=$( [[ -s $metrics ]] && median_epoch_rate "$metrics" || echo 0)
    wall_rate=$(awk -v s="${seconds:-0}" -v e="$epochs" -v r=$train_rows \
        'BEGIN { printf "%.0f", (s > 0 ? e * r / s : 0) }')
    others=$(awk -v b="$busy" -v o="$own" -v t="$ticks" -v s="$start" -v e="$end" \
        'BEGIN { c = (b - o) / t / (e - s); printf "%.2f", (c < 0 ? 0 : c) }')
    printf '%-8s %-7s %10.0f %10s %6s %5s\n' "$mode" "$size" "$epoch_rate" "$wall_rate" \
        "$others" "$fps" | tee -a "$results"
}

echo "layerlab: $bin"
echo "session: sessions/digits-mlp.lab with train $epochs epochs; $rounds rounds"
printf '%-8s %-7s %10s %10s %6s %5s\n' mode size epoch_sps wall_sps others fps
for ((round = 1; round <= rounds; round++)); do
    # The order turns each round, so that a slow stretch of the machine hits every mode.
    case $((round % 3)) in
    1) run_headless "$round"; run_screen "$round" 80 24; run_screen "$round" 160 50 ;;
    2) run_screen "$round" 80 24; run_screen "$round" 160 50; run_headless "$round" ;;
    0) run_screen "$round" 160 50; run_headless "$round"; run_screen "$round" 80 24 ;;
    esac
done

# --- summary -----------------------------------------------------------------------------

summarize() {
    awk -v column="$1" '
        function median(list, n,   i, j, t) {
            for (i = 2; i <= n; i++) for (j = i; j > 1 && list[j - 1] > list[j]; j--) {
                t = list[j]; list[j] = list[j - 1]; list[j - 1] = t
            }
            return n % 2 ? list[(n + 1) / 2] : (list[n / 2] + list[n / 2 + 1]) / 2
        }
        {
            key = $1 " " $2
            n[key]++; value[key, n[key]] = $column; others[key, n[key]] = $5
            if ($5 < 0.3) quiet[key]++
        }
        END {
            for (key in n) {
                delete list; low = ""; high = ""
                for (i = 1; i <= n[key]; i++) {
                    list[i] = value[key, i]; o[i] = others[key, i]
                    if (low == "" || list[i] < low) low = list[i]
                    if (high == "" || list[i] > high) high = list[i]
                }
                m[key] = median(list, n[key]); om = median(o, n[key])
                printf "%-16s median %9.0f  range %9.0f-%-9.0f  runs %d (quiet %d)  others median %.2f\n",
                    key, m[key], low, high, n[key], quiet[key] + 0, om
            }
            base = m["headless -"]
            for (key in m) if (key != "headless -" && base > 0)
                printf "ratio %-10s %.3f of headless\n", substr(key, 8), m[key] / base
        }' "$results" | sort
}

# Prints, for each screen size, the ratio to the headless run of the same round, its median
# and range: the spread of the comparison itself.
round_ratios() {
    awk -v column="$1" -v per=3 '
        { mode[NR] = $1 " " $2; value[NR] = $column }
        END {
            for (start = 1; start <= NR; start += per) {
                base = 0
                for (i = start; i < start + per; i++) if (mode[i] == "headless -") base = value[i]
                for (i = start; i < start + per; i++) if (mode[i] != "headless -" && base > 0) {
                    count[mode[i]]++; ratio[mode[i], count[mode[i]]] = value[i] / base
                }
            }
            for (key in count) {
                low = 9; high = 0
                for (i = 1; i <= count[key]; i++) {
                    r = ratio[key, i]; list[i] = r
                    if (r < low) low = r; if (r > high) high = r
                }
                for (i = 2; i <= count[key]; i++) for (j = i; j > 1 && list[j - 1] > list[j]; j--) {
                    t = list[j]; list[j] = list[j - 1]; list[j - 1] = t
                }
                n = count[key]
                med = n % 2 ? list[(n + 1) / 2] : (list[n / 2] + list[n / 2 + 1]) / 2
                printf "per-round ratio %-8s median %.3f  range %.3f-%.3f  rounds %d\n",
                    substr(key, 8), med, low, high, n
            }
        }' "$results" | sort
}

echo
echo "epoch samples/s (training steps alone):"
summarize 3
round_ratios 3
echo
echo "wall samples/s (the whole train command):"
summarize 4
round_ratios 4

# --- keystroke echo while training ---------------------------------------------------------

if ((keys > 0)); then
    session=$work/echo.lab
    make_session "$session" "$work/echo.jsonl" 100000
    wait_for_quiet
    tm new-session -d -s echo -x 80 -y 24 \
        "cd '$work' && exec env LANG=C.UTF-8 XDG_STATE_HOME='$work/state' '$bin' '$session'"
    prompt_row() { tm capture-pane -p -t echo -S 23 -E 23; }
    until [[ $(tm capture-pane -p -t echo) =~ training\ +epoch\ [1-9] ]]; do sleep 0.1; done
    pid=$(tm display-message -p -t echo '#{pane_pid}')
    app0=$(process_ticks "$pid"); server0=$(tmux_server_ticks)
    busy0=$(machine_busy); own0=$(children_ticks); start=$EPOCHREALTIME
    typed=""
    latencies=()
    letters=abcdefghijklmnopqrstuvwxyz
    for ((i = 0; i < keys; i++)); do
        if ((${#typed} == 20)); then
            tm send-keys -t echo C-u
            until [[ $(prompt_row) == "layerlab>" ]]; do sleep 0.005; done
            typed=""
        fi
        letter=${letters:i % 26:1}
        typed+=$letter
        sent=$EPOCHREALTIME
        tm send-keys -t echo -l "$letter"
        until [[ $(prompt_row) == "layerlab> $typed" ]]; do sleep 0.002; done
        seen=$EPOCHREALTIME
        latencies+=("$(awk -v a="$sent" -v b="$seen" 'BEGIN { printf "%.1f", (b - a) * 1000 }')")
        sleep 0.1
    done
    end=$EPOCHREALTIME
    busy1=$(machine_busy); own1=$(children_ticks); server1=$(tmux_server_ticks)
    app1=$(process_ticks "$pid")
    still_training=$(tm capture-pane -p -t echo | grep -c 'training' || true)
    others=$(awk -v b=$((busy1 - busy0)) \
        -v o=$((own1 - own0 + server1 - server0 + app1 - app0)) -v t="$ticks" \
        -v s="$start" -v e="$end" 'BEGIN { c = (b - o) / t / (e - s); printf "%.2f", (c < 0 ? 0 : c) }')
    echo
    printf '%s\n' "${latencies[@]}" | sort -g | awk -v n="$keys" -v training="$still_training" \
        -v others="$others" '
        { v[NR] = $1 }
        END {
            med = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
            p90 = v[int(0.9 * NR + 0.999)]
            printf "echo while training at 80x24: median %.1f ms, p90 %.1f ms, max %.1f ms, %d keys",
                med, p90, v[NR], n
            printf " (tmux send-keys to capture-pane, polled every 2 ms)\n"
            printf "others during the echo test: %s cores\n", others
            if (training == 0) print "warning: the screen no longer showed training at the end"
        }'
fi
