using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using Projector.Cluster.Hosting;

namespace Projector.Cluster.Tests.Hosting;

/// <summary>The tests that need a PostgreSQL server share one (<see cref="PostgresServer"/>), and run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL";
}

/// <summary>
/// A throwaway PostgreSQL server: a new data folder under the temporary folder, listening on a free
/// loopback port only, with password logins over TCP; stopped and deleted at the end. As root it runs as
/// the <c>postgres</c> user (PostgreSQL refuses root). Missing server programs fail the tests that need
/// it, with what to install: these tests are never skipped.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    /// <summary>The superuser made by initdb.</summary>
    public const string User = "projector";

    /// <summary>Its password.</summary>
    public const string Password = "membership-test-secret";

    private static readonly bool AsRoot = Environment.IsPrivilegedProcess;
    private string? _folder;
    private string? _bin;
    private int _databases;

    /// <summary>The loopback port it listens on.</summary>
    public int Port { get; private set; }

    private string Data => Path.Combine(_folder!, "data");

    public async ValueTask InitializeAsync()
    {
        _bin = await FindPrograms();
        try
        {
            await Start();
        }
        catch
        {
            await Stop();
            throw;
        }

        AppDomain.CurrentDomain.ProcessExit += StopOnExit;
    }

    private async Task Start()
    {
        _folder = Directory.CreateTempSubdirectory("projector-pg-").FullName;
        await File.WriteAllTextAsync(Path.Combine(_folder, "password"), Password + "\n");
        if (AsRoot)
        {
            await Run("chown", ["-R", "postgres:postgres", _folder]);
        }

        await Run(Program("initdb"), ["-D", Data, "-U", User, "--pwfile", Path.Combine(_folder, "password"), "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync"], asPostgres: true);
        // A port found free may be taken before the server binds it: try a few.
        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort();
            try
            {
                await Run(Program("pg_ctl"), ["-D", Data, "-l", Path.Combine(_folder, "server.log"), "-w", "-t", "60", "-o", $"-k {_folder} -p {Port} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off", "start"], asPostgres: true);
                break;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= StopOnExit;
        await Stop();
    }

    /// <summary>A new, empty database of the superuser's.</summary>
    public async Task<string> CreateDatabase()
    {
        var name = $"membership_{Interlocked.Increment(ref _databases)}";
        await using var connection = await Open("postgres");
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        return name;
    }

    /// <summary>The membership address of <paramref name="database"/>, as the superuser.</summary>
    public PostgresMembership Membership(string database) =>
        PostgresMembership.Parse($"postgres://{User}:{Password}@127.0.0.1:{Port}/{database}", environmentPassword: null);

    /// <summary>An open connection to <paramref name="database"/> as the superuser.</summary>
    public async Task<NpgsqlConnection> Open(string database)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = User, Password = Password, Database = database, Pooling = false }.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        return connection;
    }

    /// <summary>Runs <paramref name="sql"/> in <paramref name="database"/> and returns the first column of the first row.</summary>
    public async Task<object?> Scalar(string database, string sql)
    {
        await using var connection = await Open(database);
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
    }

    private void StopOnExit(object? sender, EventArgs e) => Stop().GetAwaiter().GetResult();

    private async Task Stop()
    {
        if (_folder is null)
        {
            return;
        }

        try
        {
            if (File.Exists(Path.Combine(Data, "postmaster.pid")))
            {
                await Run(Program("pg_ctl"), ["-D", Data, "-m", "immediate", "-w", "stop"], asPostgres: true);
            }
        }
        finally
        {
            Directory.Delete(_folder, recursive: true);
            _folder = null;
        }
    }

    private string Program(string name) => Path.Combine(_bin!, name);

    // Debian keeps the server programs out of PATH, under /usr/lib/postgresql/VERSION/bin; elsewhere they are on PATH.
    private static async Task<string> FindPrograms()
    {
        const string Missing = "PostgreSQL's server programs (initdb, pg_ctl) are not installed: install postgresql (apt-get install postgresql; scripts/test.sh installs it) to run the PostgreSQL membership tests";
        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(b => File.Exists(Path.Combine(b, "pg_ctl"))).OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out var v) ? v : 0).FirstOrDefault()
            : null;
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(d => File.Exists(Path.Combine(d, "pg_ctl")) && File.Exists(Path.Combine(d, "initdb")));
        var bin = debian ?? onPath ?? throw new InvalidOperationException(Missing);
        try
        {
            // A link left behind by an uninstalled package names a program that is not there.
            await Run(Path.Combine(bin, "initdb"), ["--version"]);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException($"{Missing} ({e.Message})", e);
        }

        return bin;
    }

    private static async Task Run(string program, IEnumerable<string> arguments, bool asPostgres = false)
    {
        var start = new ProcessStartInfo(asPostgres && AsRoot ? "runuser" : program) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (asPostgres && AsRoot)
        {
            foreach (var a in new[] { "-u", "postgres", "--", program })
            {
                start.ArgumentList.Add(a);
            }
        }

        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            var hint = asPostgres && AsRoot ? " (as root, the server runs as the 'postgres' user the postgresql package creates)" : string.Empty;
            throw new InvalidOperationException($"{Path.GetFileName(program)} {string.Join(' ', arguments)} failed with exit code {process.ExitCode}{hint}: {await error} {await output}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
