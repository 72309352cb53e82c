#!/usr/bin/env bash
# Starts a one-node Slurm cluster on 127.0.0.1 for the array-job test: munged,
# slurmctld and slurmd, all with state, logs and PIDs under DIR.
#   tests/slurm/start_cluster.sh DIR      (then: export SLURM_CONF=DIR/slurm.conf)
#   tests/slurm/stop_cluster.sh DIR
# Needs root and Debian's slurmctld, slurmd and munge.
set -euo pipefail
dir=$(realpath -m "$1")
mkdir -p "$dir"/{state,spool,log,munge}
host=$(hostname -s)
cpus=$(nproc)
mem=$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 / 2 ))
cat >"$dir/slurm.conf" <<CONF
ClusterName=newsmine-test
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$(( 20000 + RANDOM % 10000 ))
SlurmdPort=$(( 30000 + RANDOM % 10000 ))
AuthType=auth/munge
CredType=cred/munge
MpiDefault=none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
ReturnToService=2
SlurmUser=root
SlurmdUser=root
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
JobAcctGatherType=jobacct_gather/none
MaxArraySize=1001
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
# munged: its own socket, key and PID file under DIR.
key=$dir/munge/munge.key
if [ -f /etc/munge/munge.key ]; then cp /etc/munge/munge.key "$key"; else dd if=/dev/urandom of="$key" bs=1024 count=1 2>/dev/null; fi
chmod 400 "$key"
/usr/sbin/munged --force --key-file="$key" --socket="$dir/munge/munge.socket" \
  --pid-file="$dir/munge/munged.pid" --log-file="$dir/log/munged.log" --seed-file="$dir/munge/seed"
export SLURM_CONF=$dir/slurm.conf
# Slurm's munge plugin finds the socket through its own config option.
echo "AuthInfo=socket=$dir/munge/munge.socket" >>"$dir/slurm.conf"
/usr/sbin/slurmctld -f "$dir/slurm.conf"
/usr/sbin/slurmd -f "$dir/slurm.conf"
for _ in $(seq 1 60); do
  if sinfo -h -o '%T' 2>/dev/null | grep -qE '^(idle|mixed|allocated)'; then exit 0; fi
  sleep 1
done
echo "slurm cluster did not come up; logs in $dir/log" >&2
exit 1
