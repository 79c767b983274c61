#!/usr/bin/env python3
"""Differential test: random G-code programs (seeded) through LinuxCNC's rs274 and
`microcam-cli check --json`; the number of moves, the cut length and the rapid length must
agree (lengths summed from rs274's STRAIGHT_TRAVERSE / STRAIGHT_FEED / ARC_FEED canonical
calls, in mm, in whatever plane each arc lies).

Programs mix G0/G1, G2/G3 by I J K and by R (both signs) in G17/G18/G19 with helical Z,
G20/G21, G90/G91, and G81/G82/G83/G73 runs with G98/G99 switching mid-run and L repeats in G91.

usage: check-vs-rs274.py CLI SOURCE_DIR WORKDIR [N] [FIRST_SEED]"""
import json, math, os, random, re, subprocess, sys


def program(seed):
    rnd = random.Random(seed)
    lines = ["G21 G90 G17 G94", "G0 X0 Y0 Z2", "F100"]
    inc, plane, units = False, 17, 21
    fmt = lambda v: "%.4f" % v
    for _ in range(rnd.randint(5, 40)):
        k = rnd.random()
        s = 1 if units == 21 else 0.04
        if k < 0.08:
            inc = not inc
            lines.append("G91" if inc else "G90")
        elif k < 0.12:
            plane = rnd.choice([17, 18, 19])
            lines.append("G%d" % plane)
        elif k < 0.15:
            units = rnd.choice([20, 21])
            lines.append("G%d" % units)
        elif k < 0.45:
            words = " ".join("%s%s" % (a, fmt(rnd.uniform(-2, 2) * s)) for a in rnd.sample("XYZ", rnd.randint(1, 3)))
            lines.append("G%d %s" % (rnd.choice([0, 1]), words))
        elif k < 0.7:
            axes = {17: "XY", 18: "ZX", 19: "YZ"}[plane]
            offs = {17: "IJ", 18: "KI", 19: "JK"}[plane]
            third = "XYZ".replace(axes[0], "").replace(axes[1], "")
            if rnd.random() < 0.5:
                cx, cy = rnd.uniform(-1, 1) * s, rnd.uniform(-1, 1) * s
                r = math.hypot(cx, cy)
                if r < 1e-3:
                    continue
                a1 = math.atan2(-cy, -cx) + rnd.uniform(-3, 3)
                ex, ey = cx + r * math.cos(a1), cy + r * math.sin(a1)
                line = "G91 G%d %s%s %s%s %s%s %s%s" % (rnd.choice([2, 3]), axes[0], fmt(ex), axes[1], fmt(ey),
                                                        offs[0], fmt(cx), offs[1], fmt(cy))
            else:
                dx, dy = rnd.uniform(-1, 1) * s, rnd.uniform(-1, 1) * s
                d = math.hypot(dx, dy)
                if d < 1e-3:
                    continue
                rr = d / 2 * rnd.uniform(1.01, 3) * rnd.choice([1, -1])
                line = "G91 G%d %s%s %s%s R%s" % (rnd.choice([2, 3]), axes[0], fmt(dx), axes[1], fmt(dy), fmt(rr))
            if rnd.random() < 0.3:
                line += " %s%s" % (third, fmt(rnd.uniform(-0.2, 0.2) * s))
            lines += [line, "G91" if inc else "G90"]
        elif plane == 17:
            cyc = rnd.choice(["G81", "G82 P0.1", "G83 Q%.3f" % rnd.uniform(0.05, 0.4), "G73 Q%.3f" % rnd.uniform(0.05, 0.4)])
            ret = rnd.choice(["G98", "G99"])
            if inc:
                lines.append("%s %s X%s Y%s Z%s R%s L%d" % (ret, cyc, fmt(rnd.uniform(-1, 1)), fmt(rnd.uniform(-1, 1)),
                                                           fmt(-rnd.uniform(0.1, 1.5)), fmt(rnd.uniform(-1, 0.5)),
                                                           rnd.randint(1, 3)))
            else:
                rz = rnd.uniform(0, 1)
                lines.append("%s %s X%s Y%s Z%s R%s" % (ret, cyc, fmt(rnd.uniform(-3, 3)), fmt(rnd.uniform(-3, 3)),
                                                       fmt(rz - rnd.uniform(0.1, 1.5)), fmt(rz)))
            for _ in range(rnd.randint(0, 3)):
                lines.append("%sX%s" % (rnd.choice(["", "G98 ", "G99 "]), fmt(rnd.uniform(-1, 1) if inc else rnd.uniform(-3, 3))))
            lines.append("G80")
    lines += ["G90 G21 G17", "M2"]
    return "\n".join(lines) + "\n"


def rs274_totals(canon):
    axes = {"XY": (0, 1, 2), "XZ": (2, 0, 1), "YZ": (1, 2, 0)}
    num = r"(-?[0-9.]+)"
    scale, plane, pos = 1.0, "XY", [0.0, 0.0, 0.0]
    cut = rapid = 0.0
    moves = 0
    for line in canon.splitlines():
        if "USE_LENGTH_UNITS(CANON_UNITS_INCHES)" in line:
            scale = 25.4
        elif "USE_LENGTH_UNITS(CANON_UNITS_MM)" in line:
            scale = 1.0
        m = re.search(r"SELECT_PLANE\(CANON_PLANE_(\w+)\)", line)
        if m:
            plane = m.group(1)
        m = re.search(r"(STRAIGHT_TRAVERSE|STRAIGHT_FEED)\(" + ", ".join([num] * 3), line)
        if m:
            q = [float(m.group(i)) * scale for i in (2, 3, 4)]
            if m.group(1) == "STRAIGHT_TRAVERSE":
                rapid += math.dist(q, pos)
            else:
                cut += math.dist(q, pos)
            pos = q
            moves += 1
            continue
        m = re.search(r"ARC_FEED\(" + ", ".join([num] * 4) + r", (-?\d+), " + num, line)
        if m:
            e1, e2, c1, c2 = (float(m.group(i)) * scale for i in (1, 2, 3, 4))
            rot, e3 = int(m.group(5)), float(m.group(6)) * scale
            a0, a1, a2 = axes[plane]
            s1, s2, s3 = pos[a0], pos[a1], pos[a2]
            sweep = math.atan2(e2 - c2, e1 - c1) - math.atan2(s2 - c2, s1 - c1)
            if rot > 0:
                while sweep <= 1e-12:
                    sweep += 2 * math.pi
                sweep += 2 * math.pi * (rot - 1)
            else:
                while sweep >= -1e-12:
                    sweep -= 2 * math.pi
                sweep -= 2 * math.pi * (-rot - 1)
            cut += math.hypot(abs(sweep) * math.hypot(s1 - c1, s2 - c2), e3 - s3)
            q = [0.0] * 3
            q[a0], q[a1], q[a2] = e1, e2, e3
            pos = q
            moves += 1
    return moves, cut, rapid


def main():
    cli, src, work = sys.argv[1], sys.argv[2], sys.argv[3]
    n = int(sys.argv[4]) if len(sys.argv) > 4 else 60
    first = int(sys.argv[5]) if len(sys.argv) > 5 else 0
    tbl = os.path.join(src, "tests/data/linuxcnc/tool.tbl")
    ini = os.path.join(src, "tests/data/linuxcnc/rs274.ini")
    bad = 0
    for seed in range(first, first + n):
        path = os.path.join(work, "random-%d.ngc" % seed)
        with open(path, "w") as f:
            f.write(program(seed))
        canon_path = os.path.join(work, "canon-%d.txt" % seed)
        # rs274 maps $HOME/.tool.mmap: a HOME of this run's own, so parallel tests cannot collide
        rs = subprocess.run(["rs274", "-g", path, canon_path, "-t", tbl, "-i", ini], capture_output=True, text=True,
                            cwd=work, env=dict(os.environ, HOME=work))
        # the ini sets the arc tolerance to 1 µm: the same for microcam
        mc = subprocess.run([cli, "check", path, "--material", "al6061", "--machine", "micro60k", "--tool",
                             "flat:d=0.2", "--arc-tolerance", "0.001", "--json"], capture_output=True, text=True)
        d = json.loads(mc.stdout)
        if rs.returncode != 0 or d["errors"]:
            if (rs.returncode != 0) != bool(d["errors"]):
                print("seed %d: rs274 %s, microcam errors %s" % (seed, "failed" if rs.returncode else "ok", d["errors"][:1]))
                bad += 1
            continue
        moves, cut, rapid = rs274_totals(open(canon_path).read())
        # rs274 prints 4 decimals; G18/G19 arcs are chords within 1.3e-5 of their length
        if (moves != d["moves"] or abs(cut - d["cut_length_mm"]) > 1e-3 * moves + 2e-5 * cut + 1e-3
                or abs(rapid - d["rapid_length_mm"]) > 1e-3 * moves + 1e-3):
            print("seed %d: rs274 %d moves, cut %.4f, rapid %.4f; microcam %d, %.4f, %.4f" %
                  (seed, moves, cut, rapid, d["moves"], d["cut_length_mm"], d["rapid_length_mm"]))
            bad += 1
    print("%s - %d random programs: moves and lengths as rs274 (%d differ)" % ("ok" if bad == 0 else "not ok", n, bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
