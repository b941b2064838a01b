#!/usr/bin/env python3
"""Writes the seed corpora of the log-importer fuzz targets (Fuzz/Corpus/{csv,jsonl,xes,xlsx,map}) from the logs and
the map of the audit tests (Tests/RegulationConformanceTests), in each format and its variants: delimiters, quotes
with newlines, CRLF, a BOM, Windows-1251, broken rows. The XLSX seeds are written by openpyxl (an independent writer):
the workbook itself and its parts joined by NUL bytes (the form FuzzLogs zips itself). Run from the repository root:
    python3 Fuzz/Corpus/make-log-seeds.py
"""
import csv, datetime, io, json, os, re, zipfile

root = "Fuzz/Corpus"


def swift_string(path, name):
    text = open(path, encoding="utf-8").read()
    m = re.search(r"static let " + name + r' = (?:"\\u\{FEFF\}" \+ )?"""\n(.*?)\n\s*"""', text, re.S)
    lines = m.group(1).split("\n")
    indent = min(len(l) - len(l.lstrip()) for l in lines if l.strip())
    return "\n".join(l[indent:] for l in lines) + "\n"


def put(kind, name, data):
    os.makedirs(f"{root}/{kind}", exist_ok=True)
    with open(f"{root}/{kind}/{name}", "wb") as f:
        f.write(data.encode("utf-8") if isinstance(data, str) else data)


log = swift_string("Tests/RegulationConformanceTests/ViolationKindTests.swift", "lipetskLog")
rows = list(csv.DictReader(io.StringIO(log)))
short = "".join(log.splitlines(True)[:8])

# CSV
put("csv", "lipetsk.csv", log)
put("csv", "semicolon-crlf.csv", "\ufeff" + short.replace(",", ";").replace("\n", "\r\n"))
put("csv", "tab.csv", short.replace(",", "\t"))
put("csv", "quoted.csv", 'case,step,time,actor,comment\n"L-1","detected","17.03.2026 10:00","Куратор","a ""quoted""\nline, with a comma"\n'
    'L-1,route,2026-03-17 10:20:00+03,,\nL-1,draft,not a time,,\n,route,2026-03-17T10:20,,\nL-2,,2026-03-17T10:20,,\n')
put("csv", "cp1251.csv", "case;step;time;actor;department\nЛ-1;detected;17.03.2026 10:00;Куратор;Управление ЖКХ\n"
    "Л-1;route;17/03/2026 10:20;Куратор;Управление ЖКХ\n".encode("cp1251"))
put("csv", "lifecycle.csv", "case,step,time,lifecycle,kind,category\nX,detected,2026-03-17T10:00:00Z,complete,message,\n"
    "X,route,2026-03-17T10:10:00.250+03:00,start,message,\nX,route,46098.4375,COMPLETE,,\n")

# JSON Lines
lines = [json.dumps({k: v for k, v in r.items() if v}, ensure_ascii=False) for r in rows[:8]]
put("jsonl", "lipetsk.jsonl", "\n".join(lines) + "\n")
put("jsonl", "mixed.jsonl", "\ufeff" + lines[0] + "\r\n\n  \n{not json}\n[1,2]\n" +
    json.dumps({"case": 7, "step": "route", "time": "2026-03-17T10:20", "actor": None, "extra": {"a": [1]}}) + "\n" + lines[1])

# XES
def xes(traces, outside=False):
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<log xes.version="1849-2016" xmlns="http://www.xes-standard.org/">',
           '<extension name="Concept" prefix="concept" uri="http://www.xes-standard.org/concept.xesext"/>',
           '<global scope="event"><string key="concept:name" value="__INVALID__"/></global>']
    for case, evs in traces:
        out.append(f'<trace><string key="concept:name" value="{case}"/><string key="category" value="обычные"/>')
        for r in evs:
            out.append("<event>")
            out.append(f'<string key="concept:name" value="{r["step"]}"/>')
            out.append(f'<date key="time:timestamp" value="{r["time"]}:00.000+03:00"/>')
            out.append('<string key="lifecycle:transition" value="complete"/>')
            if r["actor"]:
                out.append(f'<string key="org:resource" value="{r["actor"]}"/>')
            if r["department"]:
                out.append(f'<string key="org:group" value="{r["department"]}"/>')
            out.append("</event>")
        out.append("</trace>")
    if outside:
        out.append('<event><string key="concept:name" value="route"/></event>')
    out.append("</log>")
    return "\n".join(out) + "\n"

by_case = {}
for r in rows:
    by_case.setdefault(r["case"], []).append(r)
traces = list(by_case.items())
put("xes", "lipetsk.xes", xes(traces[:3]))
put("xes", "outside-and-lists.xes", xes(traces[3:4], outside=True).replace(
    "<event>", '<event><list key="l"><values><string key="concept:name" value="inner"/></values></list>', 1)
    .replace('<string key="lifecycle:transition" value="complete"/>', '<int key="n" value="3"/><boolean key="b" value="true"/>', 1))
put("xes", "broken.xes", xes(traces[:2])[:-60])

# XLSX (openpyxl) and its parts
import openpyxl
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Инциденты"
ws.append(["case", "step", "time", "actor", "department", "category"])
for r in rows[:10]:
    t = datetime.datetime.strptime(r["time"], "%Y-%m-%dT%H:%M")
    ws.append([r["case"], r["step"], t, r["actor"] or None, r["department"] or None, r["category"] or None])
ws.append(["L-TXT", "route", "2026-03-17T10:20", None, None, None])
wb.create_sheet("Справка").append(["не журнал"])
buf = io.BytesIO()
wb.save(buf)
put("xlsx", "openpyxl.xlsx", buf.getvalue())
z = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
names = {n: z.read(n) for n in z.namelist()}
sheet = names["xl/worksheets/sheet1.xml"]
parts = [sheet, names.get("xl/sharedStrings.xml", b""), names["xl/workbook.xml"], names["xl/_rels/workbook.xml.rels"]]
put("xlsx", "parts", b"\0".join(parts))
inline = ('<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
          '<row r="1"><c r="A1" t="inlineStr"><is><t>case</t></is></c><c r="B1" t="inlineStr"><is><t>step</t></is></c>'
          '<c r="C1" t="inlineStr"><is><t>time</t></is></c></row>'
          '<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="inlineStr"><is><t>detected</t></is></c><c r="C2"><v>46098.41666</v></c></row>'
          '<row><c t="s"><v>0</v></c><c t="str"><v>route</v></c><c r="AA3"><v>46098.5</v></c></row>'
          '</sheetData></worksheet>')
shared = ('<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1">'
          '<si><r><t>L-</t></r><r><t>1</t></r><rPh><t>x</t></rPh></si></sst>')
put("xlsx", "inline-parts", "\0".join([inline, shared]).encode())

# Map
im = swift_string("Tests/RegulationConformanceTests/MapAndFormatTests.swift", "map")
put("map", "im.map.yaml", im)
put("map", "options.map.yaml", im + "time_zone: Asia/Yekaterinburg\ndelimiter: ;\ndates: day-first\nencoding: utf-8\n")
put("map", "wrong.map.yaml", "log_map: 2\ncolumns: [case]\nstatuses:\n  Выявлен: []\ndelimiter: '|'\ntime_zone: Mars/Olympus\n"
    "dates: sideways\nencoding: koi8-r\ncolums: {}\n")
print("seeds written under", root)
