//! The `rvss` admin CLI; see `rvss --help` and rvss(8).

use clap::Parser;

fn main() {
    rvss::logging::install(rvss::logging::stderr_sink, log::LevelFilter::Warn);
    let cli = rvss::cli::Cli::parse();
    std::process::exit(rvss::cli::run(cli));
}
