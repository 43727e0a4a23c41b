package dev.pgpart.cli.render;

/** The status page's only style sheet, inlined: the page loads nothing from anywhere. */
final class StatusHtmlCss {
    static final String CSS = """
            :root { --ink: #1d2733; --muted: #5b6877; --line: #d5dbe3; --bg: #f6f8fb;
              --past: #dde6f2; --past-ink: #22344d; --current: #1f5fbf; --ahead: #d4efda; --ahead-ink: #184f2a;
              --expired: #ececec; --expired-ink: #5f5f5f; --gap: #fbe0e0; --gap-ink: #8f1d1d;
              --default: #fff6da; --default-ink: #6b4e00; --warn: #a14a00; --bad: #b3261e; --ok: #1e7b3c; }
            * { box-sizing: border-box; }
            body { margin: 0; background: var(--bg); color: var(--ink);
              font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
            main { max-width: 1360px; margin: 0 auto; padding: 18px 24px 40px; }
            h1 { font-size: 24px; margin: 0 0 4px; }
            h2 { font-size: 19px; margin: 0; }
            h2 small { font-weight: normal; color: var(--muted); font-size: 14px; margin-left: 8px; }
            h3 { font-size: 17px; margin: 26px 0 8px; }
            .summary { color: var(--muted); margin: 0 0 14px; }
            .summary b { color: var(--ink); }
            .legend { display: flex; flex-wrap: wrap; gap: 14px; font-size: 13px; color: var(--muted); margin: 0 0 16px; }
            .legend span { display: inline-flex; align-items: center; gap: 6px; }
            .legend i { display: inline-block; width: 18px; height: 14px; border-radius: 3px; border: 1px solid var(--line); }
            .card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 14px 16px; margin: 0 0 16px; }
            .facts { display: flex; flex-wrap: wrap; gap: 6px 22px; margin: 8px 0 12px; font-size: 14px; color: var(--muted); }
            .facts b { color: var(--ink); font-size: 15px; }
            .facts .warn b { color: var(--warn); } .facts .bad b { color: var(--bad); }
            .timeline { display: flex; flex-wrap: wrap; gap: 4px; }
            .cell { width: 104px; min-height: 60px; padding: 5px 7px; border-radius: 5px; font-size: 12.5px; line-height: 1.35;
              border: 1px solid transparent; overflow: hidden; }
            .cell .b { font-weight: 600; font-size: 13.5px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
            .cell .s, .cell .r { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
            .past, i.past { background: var(--past); color: var(--past-ink); }
            .current, i.current { background: var(--current); color: #fff; }
            .ahead, i.ahead { background: var(--ahead); color: var(--ahead-ink); }
            .expired, i.expired { background: var(--expired); color: var(--expired-ink); border: 1px dashed #9a9a9a; }
            .gap, i.gap { background: repeating-linear-gradient(135deg, var(--gap) 0 7px, #f6c4c4 7px 14px);
              color: var(--gap-ink); border: 1px solid #d77; }
            .default, i.default { background: var(--default); color: var(--default-ink); border: 1px solid #e0c060; }
            .default.rows { background: #ffe0b8; border: 2px solid var(--warn); color: #5a2a00; }
            .cell.folded { width: 212px; border-left: 4px double rgba(0,0,0,.28); border-right: 4px double rgba(0,0,0,.28); }
            .cell.unmanaged, i.unmanaged { outline: 2px dotted #7a4fb5; outline-offset: -3px; }
            i.unmanaged { background: #fff; }
            .tag { display: inline-block; font-size: 11px; font-weight: 600; padding: 0 5px; border-radius: 8px;
              background: rgba(255,255,255,.85); color: var(--current); vertical-align: 1px; }
            ul.findings { margin: 12px 0 0; padding: 0; list-style: none; font-size: 14px; }
            ul.findings li { padding: 4px 8px; border-left: 4px solid var(--bad); background: #fdf0ef; margin: 0 0 4px; }
            ul.findings li.note { border-left-color: #8a97a6; background: #f2f4f7; }
            ul.findings b { margin-right: 6px; }
            table { border-collapse: collapse; width: 100%; background: #fff; font-size: 14px; }
            th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
            th { background: #eef2f7; font-weight: 600; }
            td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
            td.err { color: var(--bad); max-width: 480px; overflow-wrap: anywhere; }
            .badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 13px; font-weight: 600; color: #fff; }
            .badge.ok { background: var(--ok); } .badge.pending_consent { background: #9a6a00; }
            .badge.failed, .badge.interrupted { background: var(--bad); } .badge.running { background: var(--current); }
            .badge.done { background: var(--ok); } .badge.cancelled { background: #6b7480; }
            .bar { display: inline-block; width: 120px; height: 10px; background: #e3e8ee; border-radius: 5px;
              vertical-align: middle; margin-right: 6px; overflow: hidden; }
            .bar i { display: block; height: 100%; background: var(--current); }
            .empty { color: var(--muted); font-style: italic; }
            """;

    private StatusHtmlCss() {
    }
}
