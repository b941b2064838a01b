#!/usr/bin/env python3
"""Writes a regulation whose N steps form one chain, each anchored on the one before (issue 14, slow analysis).

    python3 make-chain.py 500 > chain-500-steps.yaml    # the committed one
    python3 make-chain.py 5000 > /tmp/chain-5000.yaml   # 690 KB: crashes the analysis (stack overflow)
"""
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 500
print("""reglament: 1
act: {id: example, title: Пример, body: Администрация, kind: постановление}
working_time:
  time_zone: Europe/Moscow
  schedule:
    hours: {mon-fri: "09:00-18:00"}
roles:
  - {id: curator, name: куратор}
steps:
  - {id: s0, role: curator, clause: "1", deadline: {amount: 1, clock: working-minutes, from: detected}, outcomes: [{if: done, to: s1}]}""")
for i in range(1, n):
    to = f"s{i + 1}" if i + 1 < n else "end"
    print(f'  - {{id: s{i}, role: curator, clause: "1", deadline: {{amount: 1, clock: working-minutes, from: s{i - 1}}}, '
          f'outcomes: [{{if: done, to: {to}}}]}}')
print(f'limits:\n  - {{id: answer, until: s{n - 1}, clause: "8", deadline: {{amount: 5, clock: working-days, from: detected}}}}')
