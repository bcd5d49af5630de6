//go:build !unix

package suites

import (
	"os"
	"os/exec"
)

func ownGroup(*exec.Cmd) {}

func interruptWorker(cmd *exec.Cmd) {
	if cmd.Process != nil {
		_ = cmd.Process.Signal(os.Interrupt)
	}
}
