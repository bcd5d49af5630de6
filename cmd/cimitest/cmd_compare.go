package main

import (
	"fmt"
	"io"
	"os"

	"github.com/cimitest/cimitest/report"
	"github.com/cimitest/cimitest/report/matrix"
)

// Exit statuses of matrix, verify and diff: 0 all is well, 1 the statement
// does not hold or a result regressed, 2 the input could not be read.
const (
	exitFine     = 0
	exitProblems = 1
)

// cmdMatrix sets several runs' results side by side.
func cmdMatrix(args []string, stdout, stderr io.Writer) (int, error) {
	var out string
	o := &options{cmd: "matrix", positional: "RESULTS..."}
	o.add(strOpt(&out, "out", "matrix", "directory for matrix.html, matrix.md and matrix.json"))
	rest, err := o.parse(args, stderr)
	if err != nil {
		return 0, err
	}
	if len(rest) == 0 {
		return 0, usagef("name the results.json files (or folders holding them) to set side by side")
	}
	paths, err := matrix.Find(rest)
	if err != nil {
		return 0, usagef("%v", err)
	}
	ins, err := matrix.Read(paths)
	if err != nil {
		return 0, usagef("%v", err)
	}
	m := matrix.Build(ins, out)
	if err := matrix.WriteAll(out, m); err != nil {
		return 0, err
	}
	fmt.Fprintf(stdout, "cimitest matrix: %d runs, %d rows, %d where the runs disagree; written to %s/%s, %s and %s\n",
		len(m.Columns), len(m.Rows), m.Differences, out, matrix.HTMLFile, matrix.MarkdownFile, matrix.JSONFile)
	if m.MixedVersions {
		fmt.Fprintln(stdout, "note: the runs judged different CIMI versions")
	}
	return exitFine, nil
}

// cmdVerify checks a conformance statement against its results.
func cmdVerify(args []string, stdout, stderr io.Writer) (int, error) {
	o := &options{cmd: "verify", positional: "STATEMENT RESULTS"}
	rest, err := o.parse(args, stderr)
	if err != nil {
		return 0, err
	}
	if len(rest) != 2 {
		return 0, usagef("give the statement and the results: cimitest verify statement.yaml results.json")
	}
	data, err := os.ReadFile(rest[0])
	if err != nil {
		return 0, usagef("%v", err)
	}
	st, err := report.ReadStatement(data)
	if err != nil {
		return 0, usagef("%s: %v", rest[0], err)
	}
	results, err := os.ReadFile(rest[1])
	if err != nil {
		return 0, usagef("%v", err)
	}
	problems := report.Verify(st, results)
	if len(problems) > 0 {
		fmt.Fprintf(stdout, "cimitest verify: the statement does not hold (%s):\n", report.Plural(len(problems), "problem", "problems"))
		for _, p := range problems {
			fmt.Fprintln(stdout, "  -", p)
		}
		return exitProblems, nil
	}
	who := st.Implementation.Name()
	if who == "" {
		who = st.Endpoint
	}
	fmt.Fprintf(stdout, "cimitest verify: the statement holds: %s, CIMI %s, profile %s, %s (cimitest %s, catalogue %.19s)\n",
		who, st.CIMIVersion, st.Profile, st.Verdict, st.Tool.Version, st.Tool.Catalogue)
	return exitFine, nil
}

// cmdDiff lists what changed between two runs and fails on a regression.
func cmdDiff(args []string, stdout, stderr io.Writer) (int, error) {
	var markdown bool
	o := &options{cmd: "diff", positional: "OLD NEW"}
	o.add(boolOpt(&markdown, "markdown", "write Markdown (for a pull request)"))
	rest, err := o.parse(args, stderr)
	if err != nil {
		return 0, err
	}
	if len(rest) != 2 {
		return 0, usagef("give the two results: cimitest diff OLD/results.json NEW/results.json")
	}
	var rs [2]*report.Results
	for i, p := range rest {
		paths, err := matrix.Find([]string{p})
		if err != nil || len(paths) != 1 {
			return 0, usagef("%s: want one results.json (%v)", p, err)
		}
		if rs[i], err = report.ReadJSON(paths[0]); err != nil {
			return 0, usagef("%v", err)
		}
	}
	d := report.Compare(rs[0], rs[1])
	d.WriteText(stdout, markdown)
	if path := os.Getenv("GITHUB_STEP_SUMMARY"); path != "" {
		if err := appendTo(path, func(w io.Writer) { fmt.Fprintln(w, "## cimitest diff"); d.WriteText(w, true) }); err != nil {
			fmt.Fprintln(stderr, "cimitest: GITHUB_STEP_SUMMARY:", err)
		}
	}
	if len(d.Regressions) > 0 {
		return exitProblems, nil
	}
	return exitFine, nil
}

// appendTo appends what write writes to the file at path.
func appendTo(path string, write func(io.Writer)) error {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	write(f)
	return f.Close()
}
