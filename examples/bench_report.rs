//! Assembles the benchmark results: reads every `target/bench/*.json` that
//! follows the bench schema (benches/support/mod.rs), writes BENCHMARKS.md
//! (summary figure, machine, commands, tables), benchmarks-summary.png (every
//! goal against its target line) and benchmarks.png (latency distributions),
//! both drawn by gnuplot, at the top of the tree. `make bench` runs it last.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

#[derive(Debug, Deserialize)]
struct Row {
    case: String,
    contender: String,
    baseline: String,
    median_ms: f64,
    p99_ms: f64,
    baseline_median_ms: f64,
    baseline_p99_ms: f64,
    ratio_median: f64,
    #[serde(default)]
    goal: String,
    #[serde(default)]
    met: Option<bool>,
    #[serde(default)]
    ratio_p99: Option<f64>,
    #[serde(default)]
    unit: Option<String>,
    #[serde(default)]
    delta_median: Option<f64>,
}

#[derive(Debug, Deserialize)]
struct Bench {
    bench: String,
    title: String,
    rows: Vec<Row>,
    #[serde(default)]
    samples: BTreeMap<String, Vec<f64>>,
    #[serde(default)]
    commands: Vec<String>,
    #[serde(default)]
    notes: Vec<String>,
    #[serde(default)]
    quick: bool,
}

/// The order benches appear in; any other bench follows, by name.
const ORDER: &[&str] = &[
    "hook",
    "fsrvp",
    "commit",
    "dirty",
    "writer",
    "eightshares",
    "sharesize",
    "clients",
    "datasize",
    "cephfs",
    "sets",
    "many",
    "structure",
    "memory",
    "replicate",
];

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    let dir = target.join("bench");
    let benches = load(&dir);
    if benches.is_empty() {
        eprintln!(
            "bench_report: no results in {}; run `make bench`",
            dir.display()
        );
        std::process::exit(1);
    }
    let png = root.join("benchmarks.png");
    let plotted = plot(&benches, &dir, &png);
    let summary_png = root.join("benchmarks-summary.png");
    let summarised = plot_summary(&benches, &dir, &summary_png);
    let md = markdown(&benches, &root, plotted, summarised);
    let out = root.join("BENCHMARKS.md");
    std::fs::write(&out, md).expect("write BENCHMARKS.md");
    println!("wrote {}", out.display());
    if plotted {
        println!("wrote {}", png.display());
    }
    if summarised {
        println!("wrote {}", summary_png.display());
    }
}

fn load(dir: &Path) -> Vec<Bench> {
    let mut v = vec![];
    let Ok(rd) = std::fs::read_dir(dir) else {
        return v;
    };
    let mut paths: Vec<PathBuf> = rd
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    for p in paths {
        let parsed = std::fs::read(&p)
            .map_err(|e| e.to_string())
            .and_then(|b| serde_json::from_slice::<Bench>(&b).map_err(|e| e.to_string()));
        match parsed {
            Ok(b) => v.push(b),
            Err(e) => eprintln!(
                "bench_report: skipping {} (not the bench schema: {e})",
                p.display()
            ),
        }
    }
    let rank = |b: &Bench| {
        ORDER
            .iter()
            .position(|n| *n == b.bench)
            .unwrap_or(ORDER.len())
    };
    v.sort_by(|a, b| rank(a).cmp(&rank(b)).then(a.bench.cmp(&b.bench)));
    v
}

fn sh(cmd: &str) -> String {
    Command::new("sh")
        .args(["-c", cmd])
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "?".into())
}

fn num(v: f64) -> String {
    if v.abs() >= 100.0 {
        format!("{v:.1}")
    } else if v.abs() >= 1.0 {
        format!("{v:.2}")
    } else {
        format!("{v:.3}")
    }
}

fn met_text(r: &Row) -> &'static str {
    match r.met {
        Some(true) => "met",
        Some(false) => "**missed**",
        None => "",
    }
}

fn markdown(benches: &[Bench], root: &Path, plotted: bool, summarised: bool) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# rvss benchmarks\n");
    if summarised {
        let _ = writeln!(
            s,
            "![every goal against its target](benchmarks-summary.png)\n\n\
             One bar per row with a goal: measured value / the value at the goal's limit \
             (dashed line = target; left of it = met, green; red = missed; how each kind of \
             goal is put on this scale: [Goals](#goals)).\n"
        );
    }
    let _ = writeln!(
        s,
        "Produced by `make bench` ({}) on throwaway btrfs filesystems (loop images) and \
         private Samba instances in the end-to-end harness's namespaces. Every figure is a \
         ratio against a baseline measured in the same run, the contenders alternated \
         (rotated each repetition), so that drift and other load on the machine hit both \
         sides alike. Absolute times depend on the machine and on what else it runs; the \
         ratios are the result. Medians and p99 (nearest rank) of all repetitions.\n",
        sh("date -u +'%Y-%m-%d %H:%M UTC'")
    );
    if benches.iter().any(|b| b.quick) {
        let _ = writeln!(
            s,
            "> **Short run** (RVSS_BENCH_QUICK or RVSS_BENCH_REPS): too few repetitions for \
             a p99; not for publication.\n"
        );
    }

    let _ = writeln!(s, "## Machine\n");
    let mem_gib = sh("awk '/MemTotal/ {printf \"%.1f\", $2/1048576}' /proc/meminfo");
    for (k, v) in [
        ("kernel (`uname -r`)", sh("uname -r")),
        ("CPUs (`nproc`)", sh("nproc")),
        (
            "CPU model",
            sh("sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1"),
        ),
        ("memory", format!("{mem_gib} GiB")),
        ("btrfs-progs", sh("btrfs --version")),
        ("Samba", sh("smbd -V")),
        ("Rust", sh("rustc -V")),
        (
            "storage",
            format!(
                "loop images in /tmp on {}",
                sh("df --output=fstype /tmp | tail -1")
            ),
        ),
        (
            "rvss",
            sh(&format!(
                "git -C '{}' rev-parse --short HEAD",
                root.display()
            )),
        ),
    ] {
        let _ = writeln!(s, "- {k}: {v}");
    }
    let _ = writeln!(
        s,
        "\nLoad average when this report was assembled (1/5/15 min; what else ran on the \
         machine during the run shows in the 5 and 15 minute figures): {}.\n",
        sh("cut -d' ' -f1-3 /proc/loadavg")
    );

    // A report assembled from more than one run says which rows came from
    // which (scripts/bench.sh never sets it: `make bench` is one run).
    if let Some(note) = std::env::var_os("RVSS_BENCH_PROVENANCE") {
        let _ = writeln!(s, "**Runs:** {}\n", note.to_string_lossy());
    }
    let _ = writeln!(s, "## Commands\n");
    let _ = writeln!(
        s,
        "`make bench` = `make build`, then `scripts/bench.sh`: installs gnuplot-nox, \
         valgrind and btrbk if missing, runs `cargo bench --benches` (each bench writes `target/bench/<name>.json`), \
         then `cargo run --release --example bench_report` (this file and the plot). \
         `RVSS_BENCH_QUICK=1 make bench` makes a short run for development.\n"
    );
    for b in benches {
        if b.commands.is_empty() {
            continue;
        }
        // A bench of several files is a folder (benches/replicate/).
        let source = if Path::new("benches").join(&b.bench).is_dir() {
            format!("benches/{}/", b.bench)
        } else {
            format!("benches/{}.rs", b.bench)
        };
        let _ = writeln!(s, "- **{}** (`{source}`):", b.title);
        for c in &b.commands {
            let _ = writeln!(s, "  - {c}");
        }
    }
    let _ = writeln!(s);

    let _ = writeln!(s, "## Results\n");
    let _ = writeln!(
        s,
        "Times in ms unless the unit column says otherwise. *ratio* = contender median / \
         baseline median (p99 ratio likewise).\n"
    );
    for b in benches {
        let _ = writeln!(s, "### {}\n", b.title);
        let _ = writeln!(
            s,
            "| case | contender | median | p99 | baseline | median | p99 | unit | ratio | p99 ratio | goal | |"
        );
        let _ = writeln!(s, "|---|---|--:|--:|---|--:|--:|---|--:|--:|---|---|");
        for r in &b.rows {
            let p99_ratio = r
                .ratio_p99
                .unwrap_or(r.p99_ms / r.baseline_p99_ms.max(f64::MIN_POSITIVE));
            // Counts are whole; a ratio of counts (failures, leaks) means nothing.
            let count = r.unit.as_deref() == Some("count");
            let val = |v: f64| if count { format!("{v}") } else { num(v) };
            let (ratio, p99_ratio) = if count {
                ("–".to_string(), "–".to_string())
            } else {
                (format!("{:.3}", r.ratio_median), format!("{p99_ratio:.3}"))
            };
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
                r.case,
                r.contender,
                val(r.median_ms),
                val(r.p99_ms),
                r.baseline,
                val(r.baseline_median_ms),
                val(r.baseline_p99_ms),
                r.unit.as_deref().unwrap_or("ms"),
                ratio,
                p99_ratio,
                r.goal,
                met_text(r)
            );
        }
        let counts: Vec<String> = b
            .samples
            .iter()
            .map(|(k, v)| format!("{k}: {}", v.len()))
            .collect();
        if !counts.is_empty() {
            let _ = writeln!(s, "\nSamples per series: {}.", counts.join("; "));
        }
        for n in &b.notes {
            let _ = writeln!(s, "\n{n}");
        }
        let _ = writeln!(s);
    }

    let goals: Vec<(&Bench, &Row)> = benches
        .iter()
        .flat_map(|b| b.rows.iter().map(move |r| (b, r)))
        .filter(|(_, r)| r.met.is_some())
        .collect();
    let _ = writeln!(s, "## Goals\n");
    if summarised {
        let _ = writeln!(s, "The summary figure's scale: {SCORE_LEGEND}\n");
    }
    for (b, r) in &goals {
        let delta = r.delta_median.unwrap_or(r.median_ms - r.baseline_median_ms);
        let unit = r.unit.as_deref().unwrap_or("ms");
        let _ = if unit == "count" {
            writeln!(
                s,
                "- {} / {}: {} {} (baseline {} {}), goal {}: {}",
                b.bench,
                r.case,
                r.contender,
                r.median_ms,
                r.baseline,
                r.baseline_median_ms,
                r.goal,
                met_text(r)
            )
        } else {
            writeln!(
                s,
                "- {} / {}: {} vs {} — ratio {:.3} (median {:+.2} {unit}), goal {}: {}",
                b.bench,
                r.case,
                r.contender,
                r.baseline,
                r.ratio_median,
                delta,
                r.goal,
                met_text(r)
            )
        };
    }
    let _ = writeln!(s);

    let findings = root.join("benches/FINDINGS.md");
    if let Ok(f) = std::fs::read_to_string(&findings) {
        let _ = writeln!(s, "{}", f.trim_end());
        let _ = writeln!(s);
    }

    if plotted {
        let _ = writeln!(s, "## Latency distributions\n");
        let _ = writeln!(
            s,
            "Empirical CDFs of the contender (solid) and baseline (dashed) of every row \
             above that compares times, one panel per row, log time axis.\n\n\
             ![latency distributions](benchmarks.png)"
        );
    }
    s
}

/// Draws one panel per compared row (times only: rows in other units, like
/// memory, are not latencies) with the empirical CDFs of its contender
/// (solid) and baseline (dashed); false when gnuplot is missing or fails.
fn plot(benches: &[Bench], dir: &Path, png: &Path) -> bool {
    let data = dir.join("plot");
    let _ = std::fs::remove_dir_all(&data);
    std::fs::create_dir_all(&data).expect("create plot dir");
    let panels: Vec<(&Bench, &Row)> = benches
        .iter()
        .flat_map(|b| b.rows.iter().map(move |r| (b, r)))
        .filter(|(b, r)| {
            r.unit.as_deref().unwrap_or("ms") == "ms"
                && b.samples.get(&r.contender).is_some_and(|v| !v.is_empty())
                && b.samples.get(&r.baseline).is_some_and(|v| !v.is_empty())
        })
        .collect();
    if panels.is_empty() {
        return false;
    }
    let cols = 4;
    let rows = panels.len().div_ceil(cols);
    let mut gp = String::new();
    let _ = writeln!(
        gp,
        "set terminal pngcairo size 2200,{} font 'sans,9'\nset output '{}'",
        40 + 360 * rows,
        png.display()
    );
    let _ = writeln!(
        gp,
        "set multiplot layout {rows},{cols} title 'rvss benchmarks: latency distributions \
         (empirical CDF; contender solid, baseline dashed; log time axis)' font ',12'"
    );
    let _ = writeln!(
        gp,
        "set grid\nset key bottom right font ',8' noenhanced\nset yrange [0:1]\n\
         set ylabel 'fraction'\nset xlabel 'ms'\nset logscale x"
    );
    for (pi, (b, r)) in panels.iter().enumerate() {
        let _ = writeln!(
            gp,
            "set title '{}: {} (ratio {:.2})' noenhanced",
            b.bench,
            r.case.replace('\'', "''"),
            r.ratio_median
        );
        let mut plots = vec![];
        for (si, (name, style)) in [
            (&r.contender, "dt 1 lc rgb '#c0392b'"),
            (&r.baseline, "dt 2 lc rgb '#2c3e80'"),
        ]
        .into_iter()
        .enumerate()
        {
            let mut v = b.samples[name.as_str()].clone();
            v.sort_by(f64::total_cmp);
            let n = v.len() as f64;
            let mut body = format!("{} 0\n", v[0].max(1e-3));
            for (i, x) in v.iter().enumerate() {
                let _ = writeln!(body, "{} {}", x.max(1e-3), (i + 1) as f64 / n);
            }
            let file = data.join(format!("{pi}-{si}.dat"));
            std::fs::write(&file, body).expect("write plot data");
            plots.push(format!(
                "'{}' using 1:2 with steps lw 2 {style} title '{}'",
                file.display(),
                name.replace('\'', "''")
            ));
        }
        let _ = writeln!(gp, "plot {}", plots.join(", \\\n     "));
    }
    let _ = writeln!(gp, "unset multiplot");
    let script = data.join("benchmarks.gp");
    std::fs::write(&script, gp).expect("write gnuplot script");
    match Command::new("gnuplot").arg(&script).status() {
        Ok(st) if st.success() => true,
        Ok(st) => {
            eprintln!("bench_report: gnuplot failed ({st}); no plot");
            false
        }
        Err(e) => {
            eprintln!("bench_report: gnuplot not found ({e}); no plot (make bench installs it)");
            false
        }
    }
}

/// How the summary figure normalises each kind of goal (benches/support's
/// Goal texts, and the free-text goals some benches write).
const SCORE_LEGEND: &str = "Ratio goals (`<= r`): ratio / r (the larger of the median and \
    p99 ratios for `median and p99`); overhead and added-value goals: median / (baseline \
    median + allowance); `median < x`: median / x; throughput goals (`>= r`): r / ratio \
    (inverted, so that left of the line is better everywhere); count goals (`= 0`): drawn at \
    the left edge when zero, at the right edge otherwise; goals that cannot be put on the \
    scale (several conditions in words) are drawn at 1 with their verdict; log scale, \
    values beyond the axis clipped to its edge and labelled.";

/// `num` with its sign.
fn signed(v: f64) -> String {
    if v >= 0.0 {
        format!("+{}", num(v))
    } else {
        num(v)
    }
}

/// The summary's horizontal axis.
const SCORE_MIN: f64 = 0.05;
const SCORE_MAX: f64 = 20.0;

/// A goal row's place on the summary's scale: the measured value divided by
/// the value at the goal's limit (1 = on the target line, below 1 = within
/// the goal), and the text to print next to its bar. None: the goal cannot be
/// put on the scale.
fn score(r: &Row) -> Option<(f64, String)> {
    let g = r.goal.trim();
    let first_num = |t: &str| -> Option<f64> {
        t.split(|c: char| !(c.is_ascii_digit() || c == '.'))
            .find(|w| !w.is_empty())
            .and_then(|w| w.parse().ok())
    };
    let unit = r.unit.as_deref().unwrap_or("ms");
    if g == "= 0" {
        let v = if r.median_ms == 0.0 {
            0.0
        } else {
            f64::INFINITY
        };
        return Some((v, format!("{} (goal 0)", r.median_ms)));
    }
    if let Some(rest) = g.strip_prefix(">=") {
        let t = first_num(rest)?;
        return Some((
            t / r.ratio_median,
            format!("ratio {:.3} (goal >= {t})", r.ratio_median),
        ));
    }
    if let Some(rest) = g.strip_prefix("<=") {
        let t = first_num(rest)?;
        let p99 = r.ratio_p99.unwrap_or(r.p99_ms / r.baseline_p99_ms);
        return Some(if rest.contains("p99") {
            (
                r.ratio_median.max(p99) / t,
                format!("ratio {:.3}, p99 {p99:.3} (goal <= {t})", r.ratio_median),
            )
        } else {
            (
                r.ratio_median / t,
                format!("ratio {:.3} (goal <= {t})", r.ratio_median),
            )
        });
    }
    if let Some(rest) = g.strip_prefix("overhead <=") {
        let pct = first_num(rest)?;
        let ms = first_num(rest.split_once("or")?.1)?;
        let limit = r.baseline_median_ms + (r.baseline_median_ms * pct / 100.0).max(ms);
        return Some((
            r.median_ms / limit,
            format!(
                "{} ms over {} (goal +{} ms)",
                signed(r.median_ms - r.baseline_median_ms),
                num(r.baseline_median_ms),
                num(limit - r.baseline_median_ms)
            ),
        ));
    }
    if let Some(rest) = g.strip_prefix("added <") {
        let d = first_num(rest)?;
        return Some((
            r.median_ms / (r.baseline_median_ms + d),
            format!(
                "{} {unit} (goal < +{d})",
                signed(r.median_ms - r.baseline_median_ms)
            ),
        ));
    }
    let below = g.strip_prefix("median <").or_else(|| g.strip_prefix('<'));
    if let Some(rest) = below {
        let d = first_num(rest)?;
        // "< 1000 ms and no extra space": only the number is on the scale;
        // the colour is the bench's verdict on every condition.
        return Some((
            r.median_ms / d,
            format!("{} {unit} (goal < {d})", num(r.median_ms)),
        ));
    }
    None
}

/// Draws the summary: one horizontal bar per row with a goal, across all
/// benches, at its score (see `score`), the target line at 1; false when
/// there is no goal row or gnuplot fails.
fn plot_summary(benches: &[Bench], dir: &Path, png: &Path) -> bool {
    let goals: Vec<(&Bench, &Row)> = benches
        .iter()
        .flat_map(|b| b.rows.iter().map(move |r| (b, r)))
        .filter(|(_, r)| r.met.is_some())
        .collect();
    if goals.is_empty() {
        return false;
    }
    let data = dir.join("summary");
    let _ = std::fs::remove_dir_all(&data);
    std::fs::create_dir_all(&data).expect("create summary dir");
    let clean = |t: &str| t.replace(['\t', '\n'], " ").replace('"', "'");
    let mut body = String::new();
    for (i, (b, r)) in goals.iter().enumerate() {
        let met = r.met == Some(true);
        let colour = if met { "0x27ae60" } else { "0xc0392b" };
        let verdict = if met { "met" } else { "MISSED" };
        // Bar end and point; a goal off the scale gets a point at 1, no bar.
        let (x, text) = match score(r) {
            Some((v, t)) => {
                let shown = v.clamp(SCORE_MIN, SCORE_MAX);
                let clip = if v > SCORE_MAX {
                    format!(" [{}, clipped]", num(v))
                } else if v < SCORE_MIN && v > 0.0 {
                    format!(" [{v:.3}, clipped]")
                } else if v.is_finite() && v > 0.0 {
                    format!(" [{}]", num(v))
                } else {
                    String::new()
                };
                (shown, format!("{t}{clip}: {verdict}"))
            }
            None => (
                f64::NAN,
                format!("goal '{}' (not on the scale): {verdict}", r.goal),
            ),
        };
        let (bar, point) = if x.is_nan() { (SCORE_MIN, 1.0) } else { (x, x) };
        let mut label = format!("{}: {}", b.bench, r.case);
        if label.chars().count() > 70 {
            label = label.chars().take(67).collect::<String>() + "...";
        }
        let _ = writeln!(
            body,
            "{i}\t{bar}\t{colour}\t\"{}\"\t\"{}\"\t{point}",
            clean(&label),
            clean(&text)
        );
    }
    let file = data.join("summary.dat");
    std::fs::write(&file, body).expect("write summary data");
    let n = goals.len();
    let mut gp = String::new();
    let _ = writeln!(
        gp,
        "set terminal pngcairo size 1800,{} font 'sans,10'\nset output '{}'",
        120 + 34 * n,
        png.display()
    );
    let _ = writeln!(
        gp,
        "set title 'rvss benchmarks: every goal against its target (measured / value at the \
         goal; left of the dashed line = met; log scale)' font ',12' noenhanced\n\
         set datafile separator '\\t'\nset logscale x\nset xrange [{SCORE_MIN}:{SCORE_MAX}]\n\
         set yrange [{0}:-0.7]\nset ytics scale 0 noenhanced font ',9'\nset grid xtics\n\
         set xlabel 'measured / goal limit (1 = the target line)'\nset key off\n\
         set y2range [{0}:-0.7]\nset y2tics scale 0 noenhanced font ',9'\n\
         set lmargin 70\nset rmargin 62\nset style fill solid 0.75 noborder\n\
         set arrow from 1, graph 0 to 1, graph 1 nohead lw 2 dt 2 lc rgb '#333333' front",
        n as f64 - 0.3
    );
    let f = file.display();
    let _ = writeln!(
        gp,
        "plot '{f}' using ({SCORE_MIN}):1:({SCORE_MIN}):2:($1-0.35):($1+0.35):3:ytic(4) \
         with boxxyerror lc rgb variable, \\\n     '{f}' using 6:1:3 with points pt 7 ps 1.5 \
         lc rgb variable, \\\n     '{f}' using ({SCORE_MIN}):1:y2tic(5) \
         axes x1y2 with dots lc rgb '#ffffff'"
    );
    let script = data.join("summary.gp");
    std::fs::write(&script, gp).expect("write gnuplot script");
    match Command::new("gnuplot").arg(&script).status() {
        Ok(st) if st.success() => true,
        Ok(st) => {
            eprintln!("bench_report: gnuplot failed ({st}); no summary figure");
            false
        }
        Err(e) => {
            eprintln!("bench_report: gnuplot not found ({e}); no summary figure");
            false
        }
    }
}
