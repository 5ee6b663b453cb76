"""A persistent psutil sampler: one sample of the same per-process attributes per line on stdin
(pid, ppid, name, CPU times, memory, threads, status, start time, I/O); answers the count."""
import sys
import psutil

ATTRS = ['pid', 'ppid', 'name', 'cpu_times', 'memory_info', 'num_threads', 'status', 'create_time', 'io_counters']
for _ in sys.stdin:
    count = 0
    for proc in psutil.process_iter(attrs=ATTRS, ad_value=None):
        count += 1
    print(count, flush=True)
