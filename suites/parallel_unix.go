//go:build unix

package suites

import (
	"os/exec"
	"syscall"
)

// ownGroup puts a worker in a process group of its own: a Ctrl-C on the
// terminal reaches the parent only, which passes each interrupt on, so
// that the stages of control.go count the same in every process.
func ownGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
}

func interruptWorker(cmd *exec.Cmd) {
	if cmd.Process != nil {
		_ = cmd.Process.Signal(syscall.SIGINT)
	}
}
