#!/usr/bin/python3
"""A faulty target made of a real one: runs the real hotplug_mp or dpdk-testpmd on a terminal of its
own and passes its input and output through, changing exactly what its --fake-* options say — one
reply line rewritten, a line dropped or added, a device kept in `list`, a command answered without
the target. Everything else is the real target's: its EAL, its devices, its exit. The suite's
selftest (testcases/selftest/catalogue.yaml) runs the cases against such targets to show that each
check can fail.

A topology names it as the target's path and passes the options in eal_args (they are taken out
before the real target starts):

  targets:
    hotplug_mp:
      path: ../fake/rewriting_target.py
      eal_args: ["-l", "0", "--fake-real=hotplug_mp", "--fake-role=secondary", "--fake-stale"]

Options (several may be given; each applies only where the gates let it):
  --fake-real=hotplug_mp|testpmd     the real target: $MPDTS_HOTPLUG_MP (default: the project's build
                                     next to the sources) or $MPDTS_TESTPMD (default /usr/bin/dpdk-testpmd)
  --fake-role=primary|secondary      gate: only in that process kind (EAL's "Auto-detected process
                                     type" line, or --proc-type=; a process without either is a primary)
  --fake-if-no-iface=IFACE           gate: only in a network namespace without IFACE
  --fake-rewrite=N@REGEX => REPL     the Nth output line matching REGEX (0: every one) gets REGEX
                                     replaced by REPL (Python re.sub syntax)
  --fake-drop=N@REGEX                the Nth output line matching REGEX (0: every one) is not shown
  --fake-add-after=N@REGEX => LINE   after the Nth output line matching REGEX, LINE is shown too
  --fake-stale                       hotplug_mp `list`: a device once listed stays listed (at its port)
  --fake-keep-failed                 hotplug_mp `list`: a device whose attach printed the failure
                                     result is listed as if attached
  --fake-answer=REGEX => REPLY       an input line matching REGEX never reaches the target; the fake
                                     echoes it and answers REPLY (re.sub on the line; "\\n" splits
                                     lines) and the target's prompt
  --fake-kill=N@REGEX => SIGNAL       the Nth input line matching REGEX never reaches the target: the
                                     fake kills the target with SIGNAL (e.g. SIGABRT) instead
  --fake-exit-code=N                 exits with N when the target exits with 0
  --fake-pin-file                    leaves a file the harness cannot remove in the case's scratch
                                     directory (the one holding --huge-dir): immutable (chattr +i). Only
                                     when $MPDTS_SELFTEST_PINNED names a file: the path is added to it,
                                     for the selftest runner to undo once the case is judged.
"""
import os
import pty
import re
import select
import signal
import subprocess
import sys
import termios
import tty

HERE = os.path.dirname(os.path.abspath(__file__))
LIST_HEADER = "list all etherdev"
LIST_ENTRY = re.compile(r"^(\d+)\s+(\S+)\s*$")
FAILED_ATTACH = re.compile(r"^failed to attach(?:ed)? device (\S+)")


def parse(argv):
    opts = {"rewrite": [], "drop": [], "add_after": [], "answer": [], "kill": [], "stale": False, "keep_failed": False,
            "role": None, "no_iface": None, "real": None, "exit_code": None, "pin": False}
    rest = []
    for arg in argv:
        if not arg.startswith("--fake-"):
            rest.append(arg)
            continue
        key, _, value = arg[len("--fake-"):].partition("=")
        if key == "real":
            opts["real"] = value
        elif key == "role":
            opts["role"] = value
        elif key == "if-no-iface":
            opts["no_iface"] = value
        elif key == "stale":
            opts["stale"] = True
        elif key == "keep-failed":
            opts["keep_failed"] = True
        elif key == "pin-file":
            opts["pin"] = True
        elif key == "exit-code":
            opts["exit_code"] = int(value)
        elif key in ("rewrite", "add-after"):
            nth, _, rule = value.partition("@")
            pattern, _, repl = rule.partition(" => ")
            opts[key.replace("-", "_")].append([int(nth), re.compile(pattern), repl, 0])
        elif key == "drop":
            nth, _, pattern = value.partition("@")
            opts["drop"].append([int(nth), re.compile(pattern), None, 0])
        elif key == "kill":
            nth, _, rule = value.partition("@")
            pattern, _, name = rule.partition(" => ")
            opts["kill"].append([int(nth), re.compile(pattern), getattr(signal, name), 0])
        elif key == "answer":
            pattern, _, reply = value.partition(" => ")
            opts["answer"].append((re.compile(pattern), reply))
        else:
            sys.exit(f"rewriting_target: unknown option {arg}")
    return opts, rest


def real_target(kind):
    if kind == "hotplug_mp":
        return os.environ.get("MPDTS_HOTPLUG_MP", os.path.join(HERE, "../../../build/bin/hotplug_mp"))
    if kind == "testpmd":
        return os.environ.get("MPDTS_TESTPMD", "/usr/bin/dpdk-testpmd")
    sys.exit(f"rewriting_target: --fake-real={kind}: hotplug_mp or testpmd")


def pin_file(args):
    """An immutable file in the case's scratch directory; its path goes to $MPDTS_SELFTEST_PINNED."""
    ledger = os.environ.get("MPDTS_SELFTEST_PINNED")
    huge = [a.split("=", 1)[1] for a in args if a.startswith("--huge-dir=")]
    if not ledger or not huge:
        print("rewriting_target: --fake-pin-file needs $MPDTS_SELFTEST_PINNED and --huge-dir: not pinning", flush=True)
        return
    path = os.path.join(os.path.dirname(huge[0]), f"pinned-by-target-{os.getpid()}")
    with open(ledger, "a") as f:  # first: whoever reads the ledger can undo it even if chattr fails
        f.write(path + "\n")
    open(path, "w").close()
    subprocess.run(["chattr", "+i", path], check=True)
    print(f"rewriting_target: pinned {path} (immutable)", flush=True)


def has_iface(name):
    with open("/proc/net/dev") as f:
        return any(line.split(":")[0].strip() == name for line in f if ":" in line)


class Filter:
    def __init__(self, opts, args):
        self.o = opts
        self.role = None
        for a in args:
            if a.startswith("--proc-type=") and a != "--proc-type=auto":
                self.role = a.split("=", 1)[1]
        if opts["real"] == "testpmd" and self.role is None:
            self.role = "primary"  # a single testpmd
        self.gate_iface = opts["no_iface"] is None or not has_iface(opts["no_iface"])
        self.prompt = None
        self.listing = None   # {name: port} while a `list` answer is being shown
        self.ever = {}        # --fake-stale: every device listed so far, with its port
        self.failed = []      # --fake-keep-failed: devices whose attach failed
        self.changed = False

    def active(self):
        if not self.gate_iface:
            return False
        return self.o["role"] is None or self.o["role"] == self.role

    @staticmethod
    def nth(rule, line):
        """True when `line` is the rule's Nth match (counting every match)."""
        if not rule[1].search(line):
            return False
        rule[3] += 1
        return rule[0] == 0 or rule[0] == rule[3]

    def line(self, text):
        """One output line (without its end): the lines to show instead."""
        m = re.search(r"Auto-detected process type: (PRIMARY|SECONDARY)", text)
        if m:
            self.role = m.group(1).lower()
        if not self.active():
            return [text]
        out = [text]
        for rule in self.o["drop"]:
            if self.nth(rule, text):
                out = []
        for rule in self.o["rewrite"]:
            if out and self.nth(rule, text):
                out = [rule[1].sub(rule[2], text)]
        for rule in self.o["add_after"]:
            if self.nth(rule, text):
                out.append(rule[2])
        if self.o["keep_failed"]:
            f = FAILED_ATTACH.search(text)
            if f:
                self.failed.append(f.group(1).split(",")[0])
        if self.o["stale"] or self.o["keep_failed"]:
            if text.endswith(LIST_HEADER):
                self.listing = {}
            elif self.listing is not None:
                e = LIST_ENTRY.match(text)
                if e:
                    self.listing[e.group(2)] = int(e.group(1))
        return out

    def before_prompt(self):
        """Lines to show at the end of an answer, before the prompt."""
        if self.listing is None or not self.active():
            self.listing = None
            return []
        extra = []
        shown = self.listing
        if self.o["stale"]:
            for name, port in self.ever.items():
                if name not in shown:
                    extra.append(f"{port}\t{name}")
            self.ever.update(shown)
        if self.o["keep_failed"]:
            for name in self.failed:
                if name not in shown:
                    extra.append(f"{max(list(shown.values()) + [-1]) + 1}\t{name}")
        self.listing = None
        return extra


def main():
    opts, args = parse(sys.argv[1:])
    flt = Filter(opts, args)
    if opts["pin"]:
        pin_file(args)
    master, slave = pty.openpty()
    tty.setraw(slave)  # the target's output passes unchanged; our own terminal adds what a terminal adds
    child = subprocess.Popen([real_target(opts["real"])] + args, stdin=slave, stdout=slave, stderr=slave,
                             close_fds=True)
    os.close(slave)
    # The harness signals the whole process group: the target gets it; we outlive it to pass its last words.
    for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(s, signal.SIG_IGN)
    saved = None
    if os.isatty(0):  # as the target's command line does with its terminal: no echo, no line editing
        saved = termios.tcgetattr(0)
        attrs = termios.tcgetattr(0)
        attrs[3] &= ~(termios.ICANON | termios.ECHO)
        termios.tcsetattr(0, termios.TCSANOW, attrs)

    def show(data):
        os.write(1, data.encode("utf-8", "surrogateescape"))

    pending = ""   # output not yet shown: a line without its end
    typed = ""     # input not yet passed on: a command without its end
    stdin_open = True
    while True:
        watch = [master] + ([0] if stdin_open else [])
        ready, _, _ = select.select(watch, [], [], 0.2 if pending else None)
        if not ready:  # a partial line that is not a prompt: shown as it is
            show(pending)
            pending = ""
            continue
        if master in ready:
            try:
                data = os.read(master, 4096)
            except OSError:
                data = b""
            if not data:
                break
            pending += data.decode("utf-8", "surrogateescape")
            while "\n" in pending:
                line, pending = pending.split("\n", 1)
                end = "\r\n" if line.endswith("\r") else "\n"
                for out in flt.line(line.rstrip("\r")):
                    show(out + end)
            if pending.endswith("> "):
                flt.prompt = pending[pending.rfind("\r") + 1:] if "\r" in pending else pending
                for out in flt.before_prompt():
                    show(out + "\r\n")
                show(pending)
                pending = ""
        if 0 in ready:
            data = os.read(0, 4096)
            if not data:
                stdin_open = False
                continue
            typed += data.decode("utf-8", "surrogateescape")
            while re.search(r"[\r\n]", typed):
                cut = re.search(r"[\r\n]", typed).end()
                command, typed = typed[:cut], typed[cut:]
                answer = None
                kill = None
                if flt.active():
                    for rule in opts["kill"]:
                        if Filter.nth(rule, command.rstrip("\r\n")):
                            kill = rule[2]
                    for pattern, reply in opts["answer"]:
                        if pattern.search(command.rstrip("\r\n")):
                            answer = pattern.sub(reply, command.rstrip("\r\n"))
                if kill is not None:
                    show(command.rstrip("\r\n") + "\r\n")
                    child.send_signal(kill)
                elif answer is None:
                    os.write(master, command.encode("utf-8", "surrogateescape"))
                else:
                    show(command.rstrip("\r\n") + "\r\n" + answer.replace("\\n", "\r\n") + "\r\n" + (flt.prompt or ""))
    status = child.wait()
    if saved:
        termios.tcsetattr(0, termios.TCSANOW, saved)
    if status < 0:  # killed by a signal: so are we
        signal.signal(-status, signal.SIG_DFL)
        os.kill(os.getpid(), -status)
    if status == 0 and opts["exit_code"] is not None:
        status = opts["exit_code"]
    sys.exit(status)


if __name__ == "__main__":
    main()
