#!/usr/bin/env python3
"""Checks deploy/ and docker-compose.yml without Docker or Kubernetes: the files parse, every path,
port, configuration key and reference they name exists and agrees, the Dockerfiles' publish commands
are the README's and succeed as plain `dotnet publish`, and the published apps pass the images' own
health check. Usage: check-deploy.py ROOT RESULTS_DIR (writes "passed failed" to RESULTS_DIR/deploy.counts)."""
import configparser
import glob
import os
import re
import shlex
import socket
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

import yaml

ROOT = os.path.abspath(sys.argv[1])
RESULTS = os.path.abspath(sys.argv[2])
DOCKERFILES = {"service": "deploy/Dockerfile.service", "sandbox": "deploy/Dockerfile.sandbox"}
HEALTH_PATHS = {"service": "/health/live", "sandbox": "/swagger/v1/swagger.json"}
K8S = "deploy/k8s"
# Every deployment form must name these settings (issue 4, item 4), in .NET's environment spelling.
REQUIRED_KEYS = [
    "Tenants__demo__Odoo__Url", "Tenants__demo__Odoo__Database", "Tenants__demo__Odoo__Login",
    "Tenants__demo__Odoo__ApiKey", "Tenants__demo__Odoo__Protocol", "Tenants__demo__Certyo__BaseUrl",
    "Tenants__demo__Certyo__ApiKey", "Tenants__demo__Certyo__TenantId", "Tenants__demo__Webhook__Secret",
    "Storage__Provider", "Storage__MigrateOnStart", "ConnectionStrings__Ledger", "Api__Keys__0",
    "Dashboard__Username", "Dashboard__Password",
]
HARDENING = ["NoNewPrivileges", "ProtectSystem", "ProtectHome", "PrivateTmp", "PrivateDevices",
             "CapabilityBoundingSet", "RestrictAddressFamilies", "SystemCallFilter", "ProtectKernelTunables"]

passed = failed = 0


def check(name, fn):
    global passed, failed
    try:
        problems = fn() or []
    except Exception as ex:  # a crash in a check is that check's failure, not the script's
        problems = [f"{type(ex).__name__}: {ex}"]
    if problems:
        failed += 1
        print(f"FAIL {name}")
        for p in problems:
            print(f"     {p}")
    else:
        passed += 1
        print(f"PASS {name}")


def path(rel):
    return os.path.join(ROOT, rel)


def read(rel):
    with open(path(rel), encoding="utf-8") as f:
        return f.read()


def load_yaml_docs(rel):
    return [d for d in yaml.safe_load_all(read(rel)) if d is not None]


def compose():
    return load_yaml_docs("docker-compose.yml")[0]


def k8s_objects():
    objs = []
    for f in sorted(glob.glob(path(f"{K8S}/*.yaml"))):
        for d in yaml.safe_load_all(open(f, encoding="utf-8")):
            if d and d.get("kind") != "Kustomization":
                objs.append(d)
    return objs


def by_kind(kind):
    return [o for o in k8s_objects() if o["kind"] == kind]


# --- Dockerfiles --------------------------------------------------------------------------------
def dockerfile(rel):
    """Instructions as (KEYWORD, argument text) with continuations joined; stages split at FROM."""
    text = re.sub(r"\\\n", " ", read(rel))
    stages = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        keyword, _, arg = line.partition(" ")
        keyword = keyword.upper()
        if keyword == "FROM":
            stages.append([])
        stages[-1].append((keyword, arg.strip()))
    return stages


def publish_command(rel):
    runs = [a for st in dockerfile(rel) for k, a in st if k == "RUN" and a.startswith("dotnet publish")]
    if len(runs) != 1:
        raise ValueError(f"{rel}: expected one RUN dotnet publish, found {len(runs)}")
    return runs[0]


def copy_args(arg):
    if arg.startswith("["):
        import json
        parts = json.loads(arg)
    else:
        parts = shlex.split(arg)
    flags = [p for p in parts if p.startswith("--")]
    rest = [p for p in parts if not p.startswith("--")]
    return flags, rest[:-1], rest[-1]


def project_closure(csproj):
    """The csproj and every project it references, transitively, as repository-relative paths."""
    seen, todo = [], [os.path.normpath(csproj)]
    while todo:
        p = todo.pop()
        if p in seen:
            continue
        seen.append(p)
        for ref in ET.parse(path(p)).getroot().iter("ProjectReference"):
            inc = ref.get("Include").replace("\\", "/")
            todo.append(os.path.normpath(os.path.join(os.path.dirname(p), inc)))
    return seen


def check_dockerfile(name, rel):
    problems = []
    stages = dockerfile(rel)
    if len(stages) < 2:
        problems.append("not multi-stage")
    if not stages[0][0][1].startswith("mcr.microsoft.com/dotnet/sdk:"):
        problems.append("first stage is not the .NET SDK image")
    final = stages[-1]
    if not final[0][1].startswith("mcr.microsoft.com/dotnet/aspnet:"):
        problems.append("final stage is not the ASP.NET runtime image")
    users = [a for k, a in final if k == "USER"]
    if not users or users[-1] in ("root", "0", "0:0"):
        problems.append("final stage runs as root")
    health = [a for k, a in final if k == "HEALTHCHECK"]
    if not health or HEALTH_PATHS[name] not in health[-1]:
        problems.append(f"no HEALTHCHECK on {HEALTH_PATHS[name]}")
    # Sources of COPY (not --from) exist in the build context, the repository root.
    copied = []
    for st in stages:
        for k, a in st:
            if k != "COPY":
                continue
            flags, sources, _ = copy_args(a)
            if any(f.startswith("--from") for f in flags):
                continue
            for s in sources:
                if not glob.glob(path(s)):
                    problems.append(f"COPY source {s} does not exist")
                copied.append(s.rstrip("/"))
    # Restore sees every project of the published one's closure, and the build props, before the code.
    build = stages[0]
    cmd = publish_command(rel)
    project_dir = shlex.split(cmd)[2]
    csproj = glob.glob(path(f"{project_dir}/*.csproj"))
    if len(csproj) != 1:
        return problems + [f"{project_dir} has no single csproj"]
    project = os.path.relpath(csproj[0], ROOT)
    restore_at = next((i for i, (k, a) in enumerate(build) if k == "RUN" and "dotnet restore" in a), None)
    if restore_at is None:
        problems.append("no dotnet restore step")
    else:
        before = [s for k, a in build[:restore_at] if k == "COPY" for s in copy_args(a)[1]]
        for needed in project_closure(project) + ["Directory.Build.props", "Directory.Packages.props", "global.json"]:
            if needed not in before:
                problems.append(f"{needed} is not copied before dotnet restore")
    assembly = os.path.splitext(os.path.basename(project))[0]
    entry = [a for k, a in final if k == "ENTRYPOINT"]
    if not entry or f"{assembly}.dll" not in entry[-1]:
        problems.append(f"ENTRYPOINT does not run {assembly}.dll")
    if not os.path.exists(path(f"{rel}.dockerignore")):
        problems.append(f"{rel}.dockerignore missing (bin/ and obj/ would enter the image)")
    return problems


def exposed_port(rel):
    ports = [a for k, a in dockerfile(rel)[-1] if k == "EXPOSE"]
    return int(ports[-1].split("/")[0]) if ports else None


# --- Compose ------------------------------------------------------------------------------------
def check_compose():
    problems = []
    c = compose()
    services = c.get("services", {})
    for s in ("service", "postgres", "sandbox"):
        if s not in services:
            problems.append(f"no {s} service")
    pg = services.get("postgres", {})
    if not str(pg.get("image", "")).startswith("postgres:15"):
        problems.append("postgres is not postgres:15")
    if "pg_isready" not in " ".join(map(str, pg.get("healthcheck", {}).get("test", []))):
        problems.append("postgres has no pg_isready health check")
    volumes = [v.split(":")[0] for v in pg.get("volumes", [])]
    if not any(v in (c.get("volumes") or {}) for v in volumes):
        problems.append("postgres data is not on a named volume")
    deps = services.get("service", {}).get("depends_on", {})
    if deps.get("postgres", {}).get("condition") != "service_healthy":
        problems.append("service does not wait for postgres to be healthy")
    for name, svc in services.items():
        for dep, spec in (svc.get("depends_on") or {}).items():
            if spec.get("condition") != "service_healthy":
                continue
            target = services.get(dep, {})
            df = target.get("build", {}).get("dockerfile")
            has_image_check = df and any(k == "HEALTHCHECK" for k, _ in dockerfile(df)[-1])
            if "healthcheck" not in target and not has_image_check:
                problems.append(f"{name} waits for {dep} to be healthy, which has no health check")
        build = svc.get("build")
        if build:
            ctx = build.get("context", ".")
            if not os.path.isdir(path(ctx)):
                problems.append(f"{name}: build context {ctx} does not exist")
            elif not os.path.isfile(os.path.join(path(ctx), build.get("dockerfile", "Dockerfile"))):
                problems.append(f"{name}: dockerfile {build.get('dockerfile')} does not exist")
        for env_file in svc.get("env_file", []) or []:
            env_file = env_file if isinstance(env_file, str) else env_file["path"]
            if env_file != "deploy/.env" and not os.path.exists(path(env_file)):
                problems.append(f"{name}: env_file {env_file} does not exist")
    # The env file holds secrets: a template is committed, the file itself is ignored by git.
    if not os.path.exists(path("deploy/env.template")):
        problems.append("deploy/env.template missing")
    ignored = subprocess.run(["git", "-C", ROOT, "check-ignore", "-q", "deploy/.env"]).returncode == 0
    if not ignored:
        problems.append("deploy/.env is not ignored by git")
    tracked = subprocess.run(["git", "-C", ROOT, "ls-files", "deploy/.env"], capture_output=True, text=True).stdout
    if tracked.strip():
        problems.append("deploy/.env is committed")
    override = load_yaml_docs("deploy/compose.production.yml")[0]
    for name in override.get("services", {}):
        if name not in services:
            problems.append(f"compose.production.yml overrides unknown service {name}")
    return problems


# --- Ports --------------------------------------------------------------------------------------
def check_ports():
    problems = []
    c = compose()
    expose = {name: exposed_port(rel) for name, rel in DOCKERFILES.items()}
    for name, rel in DOCKERFILES.items():
        env = " ".join(a for k, a in dockerfile(rel)[-1] if k == "ENV")
        m = re.search(r"ASPNETCORE_HTTP_PORTS=(\d+)", env)
        if not m or int(m.group(1)) != expose[name]:
            problems.append(f"{rel}: ASPNETCORE_HTTP_PORTS does not match EXPOSE {expose[name]}")
    for svc_name, svc in c["services"].items():
        df = (svc.get("build") or {}).get("dockerfile")
        image = next((n for n, rel in DOCKERFILES.items() if rel == df), None)
        for mapping in svc.get("ports", []):
            target = int(str(mapping).split(":")[-1].split("/")[0])
            if image and target != expose[image]:
                problems.append(f"compose {svc_name} maps container port {target}, image exposes {expose[image]}")
    for dep in by_kind("Deployment"):
        for ctr in dep["spec"]["template"]["spec"]["containers"]:
            ports = {p.get("name"): p["containerPort"] for p in ctr.get("ports", [])}
            for p in ports.values():
                if p != expose["service"]:
                    problems.append(f"k8s containerPort {p} != EXPOSE {expose['service']}")
            for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
                port = ctr.get(probe, {}).get("httpGet", {}).get("port")
                if port is not None and port not in ports and port not in ports.values():
                    problems.append(f"k8s {probe} port {port} is no container port")
            for svc in by_kind("Service"):
                for sp in svc["spec"]["ports"]:
                    tp = sp.get("targetPort", sp["port"])
                    if tp not in ports and tp not in ports.values():
                        problems.append(f"k8s Service targetPort {tp} is no container port")
    return problems


# --- Kubernetes ---------------------------------------------------------------------------------
def check_k8s():
    problems = []
    kust = load_yaml_docs(f"{K8S}/kustomization.yaml")[0]
    for r in kust.get("resources", []):
        if not os.path.exists(path(f"{K8S}/{r}")):
            problems.append(f"kustomization resource {r} missing")
    listed = set(kust.get("resources", []))
    for f in glob.glob(path(f"{K8S}/*.yaml")):
        b = os.path.basename(f)
        if b != "kustomization.yaml" and b not in listed:
            problems.append(f"{b} is not listed in kustomization.yaml")
    for kind in ("Deployment", "Service", "Secret", "ConfigMap", "Job"):
        if not by_kind(kind):
            problems.append(f"no {kind}")
    images = {i["name"] for i in kust.get("images", [])}
    for dep in by_kind("Deployment"):
        spec = dep["spec"]
        if spec.get("replicas") != 2:
            problems.append("Deployment does not run 2 replicas")
        labels = spec["template"]["metadata"]["labels"]
        if any(labels.get(k) != v for k, v in spec["selector"]["matchLabels"].items()):
            problems.append("Deployment selector does not match its pod labels")
        for svc in by_kind("Service"):
            if any(labels.get(k) != v for k, v in svc["spec"]["selector"].items()):
                problems.append(f"Service {svc['metadata']['name']} selects no pod of the Deployment")
        pod = spec["template"]["spec"]
        if not pod.get("securityContext", {}).get("runAsNonRoot"):
            problems.append("Deployment pods may run as root")
        ctr = pod["containers"][0]
        if ctr.get("readinessProbe", {}).get("httpGet", {}).get("path") != "/health/ready":
            problems.append("readiness probe is not /health/ready")
        if ctr.get("livenessProbe", {}).get("httpGet", {}).get("path") != "/health/live":
            problems.append("liveness probe is not /health/live")
        env = {e["name"]: e for e in ctr.get("env", [])}
        if "ConnectionStrings__Ledger" not in env and "ConnectionStrings__Ledger" not in k8s_env_keys(ctr):
            problems.append("Deployment sets no ConnectionStrings__Ledger")
    for obj in by_kind("Deployment") + by_kind("Job"):
        pod = obj["spec"]["template"]["spec"]
        for ctr in pod.get("initContainers", []) + pod["containers"]:
            where = f"{obj['kind']} {obj['metadata']['name']}/{ctr['name']}"
            image = ctr["image"].split(":")[0]
            if "/" not in image and image not in images and ":" not in ctr["image"]:
                problems.append(f"{where}: image {ctr['image']} is neither pinned nor set in kustomization")
            problems += [f"{where}: {p}" for p in check_env_refs(ctr)]
            mounts = {m["name"] for m in ctr.get("volumeMounts", [])}
            volumes = {v["name"] for v in pod.get("volumes", [])}
            problems += [f"{where}: volume {m} not declared" for m in mounts - volumes]
    return problems


def object_keys(kind, name):
    for o in by_kind(kind):
        if o["metadata"]["name"] == name:
            return set((o.get("data") or {}).keys()) | set((o.get("stringData") or {}).keys())
    return None


def k8s_env_keys(ctr):
    keys = set()
    for src in ctr.get("envFrom", []):
        if "configMapRef" in src:
            keys |= object_keys("ConfigMap", src["configMapRef"]["name"]) or set()
        if "secretRef" in src:
            keys |= object_keys("Secret", src["secretRef"]["name"]) or set()
    return keys | {e["name"] for e in ctr.get("env", [])}


def check_env_refs(ctr):
    problems = []
    for src in ctr.get("envFrom", []):
        for kind, ref in (("ConfigMap", "configMapRef"), ("Secret", "secretRef")):
            if ref in src and object_keys(kind, src[ref]["name"]) is None:
                problems.append(f"envFrom {kind} {src[ref]['name']} does not exist")
    defined = k8s_env_keys(ctr) - {e["name"] for e in ctr.get("env", [])}
    for e in ctr.get("env", []):
        vf = e.get("valueFrom", {})
        for kind, ref in (("ConfigMap", "configMapKeyRef"), ("Secret", "secretKeyRef")):
            if ref in vf:
                keys = object_keys(kind, vf[ref]["name"])
                if keys is None or vf[ref]["key"] not in keys:
                    problems.append(f"{e['name']}: {kind} {vf[ref]['name']} has no key {vf[ref]['key']}")
        for var in re.findall(r"\$\((\w+)\)", e.get("value", "")):
            if var not in defined:
                problems.append(f"{e['name']} uses $({var}), defined nowhere before it")
        defined.add(e["name"])
    return problems


# --- Configuration keys, systemd, schema --------------------------------------------------------
def env_file_keys(rel):
    keys = {}
    for line in read(rel).splitlines():
        line = line.strip()
        if line and not line.startswith("#") and "=" in line:
            k, v = line.split("=", 1)
            keys[k.strip()] = v
    return keys


def check_config_keys():
    problems = []
    forms = {
        "deploy/env.template": set(env_file_keys("deploy/env.template")),
        "deploy/systemd/env.template": set(env_file_keys("deploy/systemd/env.template")),
        "k8s Deployment": k8s_env_keys(by_kind("Deployment")[0]["spec"]["template"]["spec"]["containers"][0]),
    }
    for where, keys in forms.items():
        # Compose sets Storage__Provider itself; the file need not.
        keys = keys | ({"Storage__Provider"} if where == "deploy/env.template" else set())
        for k in REQUIRED_KEYS:
            if k not in keys:
                problems.append(f"{where} does not set {k}")
    for where, keys in forms.items():
        for k in keys:
            if k.startswith("Tenants__") and not re.fullmatch(r"Tenants__\w+__(Odoo|Certyo|Webhook|Models)__\w+(__\w+)*", k):
                problems.append(f"{where}: {k} is no tenant setting")
    # Secrets in k8s live in the Secret, not the ConfigMap.
    for cm in by_kind("ConfigMap"):
        for k in cm.get("data", {}):
            if re.search(r"ApiKey|Secret|Password|Keys__", k):
                problems.append(f"ConfigMap {cm['metadata']['name']} holds secret {k}")
    tmpl = env_file_keys("deploy/env.template")
    token = re.search(r"token=([^&]*)", tmpl.get("Sandbox__Odoo__Webhooks__Url", ""))
    if not token or token.group(1) != tmpl.get("Tenants__demo__Webhook__Secret"):
        problems.append("env.template: the sandbox's webhook token is not the tenant's webhook secret")
    if tmpl.get("Sandbox__ApiKeys__0") != tmpl.get("Tenants__demo__Certyo__ApiKey"):
        problems.append("env.template: the sandbox's Certyo API key is not the tenant's")
    return problems


def check_systemd():
    problems = []
    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.optionxform = str
    unit.read_string(read("deploy/systemd/certyo-odoo.service"))
    svc = unit["Service"]
    if svc.get("EnvironmentFile") != "/etc/certyo-odoo/env":
        problems.append("EnvironmentFile is not /etc/certyo-odoo/env")
    if "CertyoOdoo.Web.dll" not in svc.get("ExecStart", ""):
        problems.append("ExecStart does not run CertyoOdoo.Web.dll")
    if svc.get("DynamicUser") != "yes" and not svc.get("User"):
        problems.append("runs as root (no User= or DynamicUser=)")
    problems += [f"hardening option {h} missing" for h in HARDENING if h not in svc]
    if not os.path.exists(path("deploy/systemd/env.template")):
        problems.append("deploy/systemd/env.template missing")
    readme = read("README.md")
    for cmd in re.findall(r"^#\s+(sudo .+)$", read("deploy/systemd/certyo-odoo.service"), re.M):
        if cmd not in readme:
            problems.append(f"install command not in README: {cmd}")
    analyze = subprocess.run(["bash", "-c", "command -v systemd-analyze"], capture_output=True).returncode == 0
    if analyze:
        r = subprocess.run(["systemd-analyze", "verify", path("deploy/systemd/certyo-odoo.service")],
                           capture_output=True, text=True)
        complaints = [line for line in (r.stdout + r.stderr).splitlines() if "certyo-odoo.service" in line]
        problems += complaints + ([f"systemd-analyze verify exited {r.returncode}"] if r.returncode else [])
    return problems


def check_scripts():
    problems = []
    for rel in ("deploy/schema/apply.sh", "deploy/docker/healthcheck.sh", "scripts/check-deploy.sh"):
        r = subprocess.run(["bash", "-n", path(rel)], capture_output=True, text=True)
        if r.returncode:
            problems.append(f"{rel}: {r.stderr.strip()}")
        mode = subprocess.run(["git", "-C", ROOT, "ls-files", "-s", rel], capture_output=True, text=True).stdout
        if rel.startswith("deploy/") and mode and not mode.startswith("100755"):
            problems.append(f"{rel} is not executable in git")
    return problems


def check_hangfire_sql():
    props = read("Directory.Packages.props")
    version = re.search(r'Include="Hangfire.PostgreSql"\s+Version="([^"]+)"', props).group(1)
    head = read("deploy/schema/hangfire.sql").splitlines()[0]
    if f"Hangfire.PostgreSql {version} " not in head:
        return [f"deploy/schema/hangfire.sql is not from Hangfire.PostgreSql {version}: "
                "run dotnet fsi deploy/schema/hangfire-extract.fsx"]
    return []


def pg_uri(conn):
    parts = {k.strip().lower(): v for k, v in (p.split("=", 1) for p in conn.split(";") if "=" in p)}
    user = parts.get("username") or parts.get("user id") or "postgres"
    auth = f"{user}:{parts['password']}@" if parts.get("password") else f"{user}@"
    return f"postgresql://{auth}{parts.get('host', '127.0.0.1')}:{parts.get('port', '5432')}/{parts.get('database', 'postgres')}"


def check_schema_step():
    """Applies the schema step twice to a fresh database, as the owner, granting a run-time role."""
    server = pg_uri(os.environ["CERTYO_TEST_POSTGRES"])
    suffix = f"{os.getpid()}_{int(time.time())}"
    db, role = f"deploy_schema_{suffix}", f"deploy_app_{suffix}"
    psql = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d"]
    subprocess.run(psql + [server, "-c", f'CREATE DATABASE "{db}"', "-c", f'CREATE ROLE "{role}" LOGIN'], check=True,
                   capture_output=True)
    problems = []
    try:
        target = server.rsplit("/", 1)[0] + f"/{db}"
        for attempt in (1, 2):
            r = subprocess.run(["bash", path("deploy/schema/apply.sh"), target], capture_output=True, text=True,
                               env={**os.environ, "APP_ROLE": role})
            if r.returncode:
                problems.append(f"apply #{attempt} failed: {r.stderr.strip()[-500:]}")
        expected = max(int(v) for v in re.findall(r"^-- version (\d+)$", read("deploy/schema/hangfire.sql"), re.M))
        out = subprocess.run(psql + [target, "-At", "-c", 'SELECT max("version") FROM hangfire."schema"',
                                     "-c", f"SELECT has_table_privilege('{role}', 'hangfire.job', 'INSERT')"],
                             capture_output=True, text=True).stdout.split()
        if out != [str(expected), "t"]:
            problems.append(f"expected schema version {expected} and INSERT granted, got {out}")
    finally:
        subprocess.run(psql + [server, "-c", f'DROP DATABASE IF EXISTS "{db}"', "-c", f'DROP ROLE IF EXISTS "{role}"'],
                       capture_output=True)
    return problems


# --- Publish and run ----------------------------------------------------------------------------
def check_readme_publish():
    readme = read("README.md")
    return [f"README does not document `{publish_command(rel)}` ({rel})"
            for rel in DOCKERFILES.values() if publish_command(rel) not in readme]


def publish(name, out_root):
    cmd = shlex.split(publish_command(DOCKERFILES[name]))
    i = cmd.index("-o")
    cmd[i + 1] = os.path.join(out_root, name)
    r = subprocess.run(cmd + ["-nologo", "-clp:ErrorsOnly"], cwd=ROOT, capture_output=True, text=True)
    if r.returncode:
        return [f"{' '.join(cmd)} exited {r.returncode}: {(r.stdout + r.stderr).strip()[-1500:]}"]
    dll = os.path.join(cmd[i + 1], os.path.basename(shlex.split(publish_command(DOCKERFILES[name]))[2]) + ".dll")
    return [] if os.path.exists(dll) else [f"{dll} not produced"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def healthcheck(port, health_path):
    env = {**os.environ, "ASPNETCORE_HTTP_PORTS": str(port)}
    return subprocess.run(["bash", path("deploy/docker/healthcheck.sh"), health_path], env=env,
                          capture_output=True).returncode == 0


def run_published(name, out_root, env, health_path):
    """Starts a published app as the image would (dotnet X.dll, ASPNETCORE_HTTP_PORTS) and probes it."""
    port = free_port()
    app_dir = os.path.join(out_root, name)
    dll = [f for f in os.listdir(app_dir) if f.startswith("CertyoOdoo.") and f.endswith(".dll")
           and os.path.exists(os.path.join(app_dir, f[:-4] + ".runtimeconfig.json"))][0]
    work = tempfile.mkdtemp(prefix=f"deploy-{name}-", dir=out_root)
    full_env = {**os.environ, **env, "ASPNETCORE_HTTP_PORTS": str(port), "ASPNETCORE_URLS": ""}
    log = open(os.path.join(work, "log"), "w")
    proc = subprocess.Popen(["dotnet", os.path.join(app_dir, dll), "--contentRoot", app_dir,
                             "--Storage:SqlitePath", os.path.join(work, "ledger.db"),
                             "--Storage:HangfireSqlitePath", os.path.join(work, "hangfire.db")],
                            cwd=work, env=full_env, stdout=log, stderr=subprocess.STDOUT)
    return proc, port, work


def wait_healthy(proc, port, health_path, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        if healthcheck(port, health_path):
            return True
        time.sleep(0.25)
    return False


def stop(proc):
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def check_published_apps(out_root):
    """The image's health check passes against the published sandbox, then the published service
    configured from deploy/env.template (sandbox URLs rewritten to the loopback one, embedded store)."""
    problems = []
    template = env_file_keys("deploy/env.template")
    # The sandbox as compose configures it (its webhooks aside: no service listens for them here).
    sandbox_env = {k: v for k, v in template.items() if k.startswith("Sandbox__") and "Webhooks" not in k}
    sandbox_env["Sandbox__DatabasePath"] = os.path.join(out_root, "certyo-sandbox.db")
    sandbox, sport, swork = run_published("sandbox", out_root, sandbox_env, HEALTH_PATHS["sandbox"])
    try:
        if not wait_healthy(sandbox, sport, HEALTH_PATHS["sandbox"]):
            return [f"sandbox never healthy: {open(os.path.join(swork, 'log')).read()[-1500:]}"]
        if healthcheck(sport, "/no-such-page"):
            problems.append("the health check passes on a 404: it cannot fail")
        env = {k: v.replace("http://sandbox:8080", f"http://127.0.0.1:{sport}")
               for k, v in template.items()
               if not k.startswith(("Sandbox__", "POSTGRES_", "ConnectionStrings__"))}
        env["Storage__Provider"] = "sqlite"
        service, port, work = run_published("service", out_root, env, HEALTH_PATHS["service"])
        try:
            if not wait_healthy(service, port, HEALTH_PATHS["service"]):
                problems.append(f"service never healthy: {open(os.path.join(work, 'log')).read()[-1500:]}")
            # Ready means storage, the tenant's Odoo and its Certyo answer with the template's settings.
            elif not wait_healthy(service, port, "/health/ready", seconds=60):
                problems.append(f"service live but never ready against the sandbox: {open(os.path.join(work, 'log')).read()[-1500:]}")
        finally:
            stop(service)
        if healthcheck(port, HEALTH_PATHS["service"]):
            problems.append("the health check passes with the service stopped")
    finally:
        stop(sandbox)
    return problems


def main():
    os.makedirs(RESULTS, exist_ok=True)
    check("compose and k8s YAML parse", lambda: [
        p for rel in ["docker-compose.yml", "deploy/compose.production.yml"]
        + sorted(os.path.relpath(f, ROOT) for f in glob.glob(path(f"{K8S}/*.yaml")))
        if not load_yaml_docs(rel) for p in [f"{rel} is empty"]])
    for name, rel in DOCKERFILES.items():
        check(f"{rel}: stages, user, health check, COPY sources, restore inputs",
              lambda n=name, r=rel: check_dockerfile(n, r))
    check("docker-compose.yml: services, volume, health-ordered start, paths, env file", check_compose)
    check("ports agree: EXPOSE, compose, k8s containerPort, probes, Service", check_ports)
    check("k8s: objects, replicas, probes, selectors, references", check_k8s)
    check("configuration keys in every deployment form", check_config_keys)
    check("systemd unit", check_systemd)
    check("deploy scripts: syntax and modes", check_scripts)
    check("hangfire.sql matches the Hangfire.PostgreSql version", check_hangfire_sql)
    if os.environ.get("CERTYO_TEST_POSTGRES") and subprocess.run(["bash", "-c", "command -v psql"],
                                                                 capture_output=True).returncode == 0:
        check("schema step applies twice on PostgreSQL", check_schema_step)
    elif os.environ.get("CI") == "true":
        check("schema step applies twice on PostgreSQL", lambda: ["no PostgreSQL (CERTYO_TEST_POSTGRES) or psql"])
    check("README documents the Dockerfiles' publish commands", check_readme_publish)
    with tempfile.TemporaryDirectory(prefix="check-deploy-") as out_root:
        results = {}
        for name in DOCKERFILES:
            results[name] = publish(name, out_root)
            check(f"{publish_command(DOCKERFILES[name])} succeeds", lambda r=results[name]: r)
        if not any(results.values()):
            check("published apps pass the images' health check", lambda: check_published_apps(out_root))
    with open(os.path.join(RESULTS, "deploy.counts"), "w") as f:
        f.write(f"{passed} {failed}\n")
    print(f"deploy checks: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
