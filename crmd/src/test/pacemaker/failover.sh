#!/bin/bash
# Debian's corosync + pacemaker on the topology of crmd's FailoverBench, for docs/performance.md:
# three nodes, each in a network namespace of its own (veth to a bridge) and a private mount
# namespace (its own /etc/corosync, /var/lib/{corosync,pacemaker}, /var/log/pacemaker, /dev/shm,
# /run/resource-agents), fencing by Pacer's test agent fence_pacer_kill (kills every process of
# the target's namespace), the resource ocf:pacer:Logged (logs each start/stop with the time).
#
#   crmd/src/test/pacemaker/failover.sh [RUNS] [TOKEN_MS]     (root; TOKEN_MS empty = default)
#
# Prints the time from starting the 3 nodes to a DC with all 3 online, then RUNS times: kill -9
# of every process of the node running the resource -> the resource started on another node (from
# the agent's log), and reboots the node. Everything it creates is removed on exit.
set -u
RUNS="${1:-10}"
TOKEN="${2:-}"
REPO="$(cd "$(dirname "$0")/../../../.." && pwd)"
ID="pm$$"
ID="${ID:0:8}"
SUB="10.79.$((RANDOM % 200 + 20))"
W="$(mktemp -d /tmp/pacer-pm-failover.XXXXXX)"
LOGS="$W/agent-logs"
PROVIDER=/usr/lib/ocf/resource.d/pacer
MADE_PROVIDER=0
declare -A PID

now() { date +%s%3N; }

cleanup() {
    for i in 1 2 3; do
        for p in $(ip netns pids "$ID-n$i" 2>/dev/null); do kill -9 "$p" 2>/dev/null; done
        ip link del "${ID}o$i" 2>/dev/null
        ip netns del "$ID-n$i" 2>/dev/null
    done
    ip link del "${ID}br" 2>/dev/null
    [ "$MADE_PROVIDER" = 1 ] && rmdir "$PROVIDER" 2>/dev/null
    [ -n "${KEEP:-}" ] && echo "kept $W" >&2 || rm -rf "$W"
}
trap cleanup EXIT

# Pacemaker looks for OCF providers only under /usr/lib/ocf: an empty directory on the host, with
# the repository's test agents bind-mounted on it inside each node's mount namespace only.
if [ ! -d "$PROVIDER" ]; then mkdir "$PROVIDER" && MADE_PROVIDER=1; fi
mkdir -p "$LOGS"

ip link add "${ID}br" type bridge && ip link set "${ID}br" up || exit 1
dd if=/dev/urandom of="$W/authkey" bs=256 count=1 status=none
chmod 400 "$W/authkey"
for i in 1 2 3; do
    ip netns add "$ID-n$i"
    ip link add "${ID}o$i" type veth peer name "${ID}i$i"
    ip link set "${ID}i$i" netns "$ID-n$i"
    ip link set "${ID}o$i" master "${ID}br" up
    ip -n "$ID-n$i" addr add "$SUB.$((10 + i))/24" dev "${ID}i$i"
    ip -n "$ID-n$i" link set "${ID}i$i" up
    ip -n "$ID-n$i" link set lo up
done

write_node() { # the node's directories and its start script
    local i=$1 d="$W/n$i"
    mkdir -p "$d/etc" "$d/lib-corosync" "$d/lib-pacemaker"/{cib,pengine,blackbox,cores} "$d/log" "$d/run/netns"
    chown -R hacluster:haclient "$d/lib-pacemaker" "$d/log"
    cp "$W/authkey" "$d/etc/authkey"
    {
        printf 'totem {\n  version: 2\n  cluster_name: pmbench\n  transport: knet\n'
        printf '  crypto_cipher: none\n  crypto_hash: none\n'
        [ -n "$TOKEN" ] && printf '  token: %s\n' "$TOKEN"
        printf '}\nnodelist {\n'
        for j in 1 2 3; do
            printf '  node {\n    nodeid: %s\n    name: n%s\n    ring0_addr: %s\n  }\n' \
                "$j" "$j" "$SUB.$((10 + j))"
        done
        printf '}\nquorum {\n  provider: corosync_votequorum\n}\n'
        printf 'logging {\n  to_logfile: yes\n  logfile: %s\n  to_syslog: no\n  to_stderr: no\n}\n' \
            "$d/log/corosync.log"
    } >"$d/etc/corosync.conf"
    cat >"$d/start.sh" <<EOF
#!/bin/bash
mount --make-rprivate /
# A /run of its own (corosync's pid lock, pacemaker's and the agents' state), still showing the
# host's network namespaces (the fence agent finds the target's processes through them).
mount --rbind /run/netns $d/run/netns
mount --rbind $d/run /run
mkdir -p /run/resource-agents
mount --bind $d/etc /etc/corosync
mount --bind $d/lib-corosync /var/lib/corosync
mount --bind $d/lib-pacemaker /var/lib/pacemaker
mount --bind $d/log /var/log/pacemaker
mount --bind $REPO/agents/ocf $PROVIDER
mount --bind $REPO/agents/fence/fence_pacer_kill /usr/sbin/fence_amt
mount -t tmpfs tmpfs /dev/shm
corosync -f >$d/log/corosync.out 2>&1 &
for n in \$(seq 100); do corosync-cfgtool -s >/dev/null 2>&1 && break; sleep 0.1; done
exec /usr/sbin/pacemakerd >$d/log/pacemakerd.out 2>&1
EOF
    chmod +x "$d/start.sh"
}

start_node() { # in its network namespace and a mount namespace of its own
    local i=$1
    # a reboot: nothing left in /run or of the ring
    find "$W/n$i/run" -mindepth 1 -maxdepth 1 ! -name netns -exec rm -rf {} +
    rm -rf "$W/n$i/lib-corosync"/*
    ip netns exec "$ID-n$i" unshare -m "$W/n$i/start.sh" </dev/null &
    PID[$i]=$!
}

in_node() { # run a command in node i's namespaces (the start script's pid holds them)
    local i=$1
    shift
    local pid
    pid="$(ip netns pids "$ID-n$i" | while read -r p; do
        [ "$(cat /proc/$p/comm 2>/dev/null)" = pacemakerd ] && echo "$p"; done | head -1)"
    [ -n "$pid" ] || return 1
    nsenter -t "$pid" -m -n "$@"
}

online() { # how many nodes node i's crm_mon sees online, with a DC
    in_node "$1" crm_mon -1 2>/dev/null | awk '/Current DC: n/ {dc=1} /^  \* Online: \[/ {n=NF-4} END {print (dc ? n : 0)}'
}

wait_online() { # until node i sees all 3 online with a DC; prints ms waited
    local i=$1 t0 limit=$(( $(date +%s) + ${FORM_WAIT:-180} ))
    t0=$(now)
    while [ "$(online "$i")" != 3 ]; do
        [ "$(date +%s)" -lt "$limit" ] || { echo "n$i: cluster did not form" >&2; return 1; }
        sleep 0.2
    done
    echo $(( $(now) - t0 ))
}

for i in 1 2 3; do write_node "$i"; done
T0=$(now)
for i in 1 2 3; do start_node "$i"; done
wait_online 1 >/dev/null || exit 1
echo "pacemaker: token ${TOKEN:-default}: start -> DC with 3 online: $(( $(now) - T0 )) ms"

in_node 1 cibadmin --modify --scope crm_config --xml-text \
    '<cluster_property_set id="cib-bootstrap-options"><nvpair id="o-st" name="stonith-enabled" value="true"/></cluster_property_set>'
in_node 1 cibadmin --create --scope resources --xml-text "<resources>
<primitive id=\"fence-kill\" class=\"stonith\" type=\"fence_amt\"><instance_attributes id=\"fk\">
<nvpair id=\"fk-roots\" name=\"roots_dir\" value=\"$W\"/>
<nvpair id=\"fk-ns\" name=\"netns_prefix\" value=\"$ID-\"/>
<nvpair id=\"fk-hosts\" name=\"pcmk_host_list\" value=\"n1 n2 n3\"/>
<nvpair id=\"fk-check\" name=\"pcmk_host_check\" value=\"static-list\"/>
</instance_attributes></primitive>
<primitive id=\"dummy1\" class=\"ocf\" provider=\"pacer\" type=\"Logged\"><instance_attributes id=\"d1\">
<nvpair id=\"d1-log\" name=\"log_dir\" value=\"$LOGS\"/></instance_attributes>
<operations><op id=\"d1-mon\" name=\"monitor\" interval=\"10s\"/></operations></primitive>
</resources>" || exit 1

running_on() { # the node of the last start in the agent log (after line $1)
    cat "$LOGS"/*.log 2>/dev/null | sort -n | awk -v after="$1" '$1 > after && $4 == "start" {n=$2} END {print n}'
}
limit=$(( $(date +%s) + 120 ))
while [ -z "$(running_on 0)" ]; do
    [ "$(date +%s)" -lt "$limit" ] || { echo "dummy1 never started" >&2; exit 1; }
    sleep 0.2
done

times=()
for run in $(seq "$RUNS"); do
    victim="$(running_on 0)"
    v="${victim#n}"
    killed=$(now)
    for p in $(ip netns pids "$ID-n$v"); do kill -9 "$p" 2>/dev/null; done
    limit=$(( $(date +%s) + ${FORM_WAIT:-180} ))
    while :; do
        on="$(running_on "$killed")"
        [ -n "$on" ] && [ "$on" != "$victim" ] && break
        [ "$(date +%s)" -lt "$limit" ] || { echo "run $run: dummy1 did not move" >&2; exit 1; }
        sleep 0.05
    done
    started="$(cat "$LOGS"/*.log | sort -n | awk -v after="$killed" '$1 > after && $4 == "start" {print $1; exit}')"
    times+=($(( started - killed )))
    echo "run $run: killed $victim; dummy1 started on $on $(( started - killed )) ms later"
    start_node "$v"
    survivor=$(( v % 3 + 1 ))
    wait_online "$survivor" >/dev/null || exit 1
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
n=${#sorted[@]}
echo "pacemaker: token ${TOKEN:-default}: kill -9 -> fenced -> running elsewhere over $n runs:" \
    "p50 ${sorted[$((n / 2))]} ms, min ${sorted[0]} ms, max ${sorted[$((n - 1))]} ms, all ${times[*]}"
