package main

import (
	"runtime/debug"
	"strings"
	"testing"
)

func TestVersion(t *testing.T) {
	r := mustRun(t, exitOK, "--version")
	if !strings.HasPrefix(r.out, "geokg ") || !strings.Contains(r.out, "go1.") || strings.Count(r.out, "\n") != 1 {
		t.Errorf("geokg --version printed %q, want one line: geokg, the version, the Go version", r.out)
	}
	info, ok := debug.ReadBuildInfo()
	if ok && !strings.Contains(r.out, info.Main.Version) {
		t.Errorf("geokg --version printed %q, without the module version %q", r.out, info.Main.Version)
	}

	tests := []struct {
		info debug.BuildInfo
		want string
	}{
		{debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "v1.2.3"}, Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "0123456789abcdef0123"}, {Key: "vcs.time", Value: "2026-12-07T20:00:00Z"}, {Key: "vcs.modified", Value: "true"},
		}}, "v1.2.3 (revision 0123456789ab+dirty, 2026-12-07T20:00:00Z, go1.26.0)"},
		{debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "abc"}, {Key: "vcs.modified", Value: "false"},
		}}, "(devel) (revision abc, go1.26.0)"},
		{debug.BuildInfo{GoVersion: "go1.26.0"}, "(devel) (go1.26.0)"},
	}
	for _, tt := range tests {
		if got := versionOf(&tt.info); got != tt.want {
			t.Errorf("versionOf(%+v) = %q, want %q", tt.info, got, tt.want)
		}
	}
}
