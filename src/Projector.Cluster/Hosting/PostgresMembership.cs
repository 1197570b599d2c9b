using System.Globalization;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;

namespace Projector.Cluster.Hosting;

/// <summary>
/// The PostgreSQL database that holds the cluster's membership table
/// (<c>postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE</c>), through Orleans' ADO.NET clustering provider.
/// The tables live in the schema <c>projector_cluster</c>, created on first use (<see cref="EnsureReachable"/>),
/// so the user needs the CREATE right on the database the first time.
/// </summary>
/// <param name="User">The user name.</param>
/// <param name="Host">Host name or address.</param>
/// <param name="Port">TCP port.</param>
/// <param name="Database">The database name.</param>
public sealed record PostgresMembership(string User, string Host, int Port, string Database) : MembershipAddress
{
    /// <summary>The URL scheme of a PostgreSQL address.</summary>
    public const string Scheme = "postgres";

    /// <summary>The other URL scheme PostgreSQL's own tools accept.</summary>
    public const string LongScheme = "postgresql";

    /// <summary>PostgreSQL's usual port.</summary>
    public const int DefaultPort = 5432;

    /// <summary>Orleans' name of the Npgsql provider.</summary>
    internal const string Invariant = "Npgsql";

    /// <summary>
    /// The password, from the address or <c>PGPASSWORD</c>; null when neither gave one. Not public, so
    /// neither <see cref="ToString"/> nor a record's printing of its members shows it.
    /// </summary>
    internal string? Password { get; init; }

    /// <summary>The address without its password, so it can be printed and logged.</summary>
    public override string ToString()
    {
        var host = Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host;
        return string.Create(CultureInfo.InvariantCulture, $"postgres://{Uri.EscapeDataString(User)}@{host}:{Port}/{Uri.EscapeDataString(Database)}");
    }

    /// <summary>
    /// Parses <c>postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE</c> or the same with <c>postgresql://</c>
    /// (the port defaults to 5432; escaped characters, e.g. <c>%40</c> for '@' in a password, are unescaped).
    /// </summary>
    /// <param name="text">The address.</param>
    /// <param name="environmentPassword">The password to use when the address has none (<c>PGPASSWORD</c>'s value).</param>
    /// <exception cref="ClusterInputException">The text is not such an address.</exception>
    public static PostgresMembership Parse(string text, string? environmentPassword)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not (Scheme or LongScheme) || uri.Host.Length == 0)
        {
            throw Invalid(text, "is not a PostgreSQL address");
        }

        if (uri.UserInfo.Length == 0 || uri.UserInfo.StartsWith(':'))
        {
            throw Invalid(text, "names no user");
        }

        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length == 0 || database.Contains('/', StringComparison.Ordinal))
        {
            throw Invalid(text, "names no database (or more than one path segment)");
        }

        if (uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            throw Invalid(text, "has options after the database, which are not taken");
        }

        var port = uri.IsDefaultPort || uri.Port < 0 ? DefaultPort : uri.Port;
        if (port == 0)
        {
            throw Invalid(text, "has port 0");
        }

        var userInfo = uri.UserInfo.Split(':', 2);
        var password = userInfo.Length == 2 ? Uri.UnescapeDataString(userInfo[1]) : environmentPassword;
        return new PostgresMembership(Uri.UnescapeDataString(userInfo[0]), uri.DnsSafeHost, port, database)
        {
            Password = string.IsNullOrEmpty(password) ? null : password,
        };
    }

    /// <summary>
    /// The Npgsql connection string. Its search path is the membership schema: Orleans looks its
    /// statements up in an unqualified table, OrleansQuery.
    /// </summary>
    internal string ConnectionString => new NpgsqlConnectionStringBuilder
    {
        Host = Host,
        Port = Port,
        Username = User,
        Password = Password,
        Database = Database,
        SearchPath = PostgresMembershipSchema.Name,
        // Orleans hands over UTC times; a session in UTC reads and writes them unchanged whatever the server's zone.
        Timezone = "UTC",
        ApplicationName = "projector cluster",
        // A wrong address is reported in seconds, as with Redis.
        Timeout = 5,
    }.ConnectionString;

    /// <summary>A data source of <see cref="ConnectionString"/>; the caller disposes it.</summary>
    internal NpgsqlDataSource CreateDataSource() => NpgsqlDataSource.Create(ConnectionString);

    /// <summary>Opens a connection and puts the membership schema in place (idempotent, safe from many silos at once).</summary>
    /// <exception cref="ClusterInputException">No server answers, or it refuses the user, the password, the database or the schema; the message says what to do.</exception>
    public override async Task EnsureReachable(CancellationToken cancellationToken)
    {
        await using var dataSource = CreateDataSource();
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await PostgresMembershipSchema.Apply(connection, cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw Unusable(e);
        }
    }

    /// <summary>The one line for a connection or schema failure, naming the address (never the password) and the remedy.</summary>
    internal ClusterInputException Unusable(NpgsqlException e)
    {
        var detail = OneLine(e is PostgresException p ? p.MessageText : e.GetBaseException().Message);
        return new ClusterInputException((e as PostgresException)?.SqlState switch
        {
            PostgresErrorCodes.InvalidPassword =>
                $"PostgreSQL at {this} (--membership) refused the password of user '{User}' ({detail}): give the right one in the address (postgres://USER:PASSWORD@...) or in PGPASSWORD",
            PostgresErrorCodes.InvalidAuthorizationSpecification =>
                $"PostgreSQL at {this} (--membership) refused user '{User}' ({detail}): use a user it lets in, or allow this one in the server's pg_hba.conf",
            PostgresErrorCodes.InvalidCatalogName =>
                $"PostgreSQL at {this} (--membership) has no database '{Database}': create it (createdb -h {Host} -p {Port} -U {User} {Database}) or name an existing one",
            PostgresErrorCodes.InsufficientPrivilege =>
                $"user '{User}' may not create the membership tables in database '{Database}' at {this} (--membership; {detail}): grant it the right (GRANT CREATE ON DATABASE {Database} TO {User}), or use the user that made them (schema {PostgresMembershipSchema.Name}) or the database's owner",
            PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections =>
                $"PostgreSQL at {this} (--membership) takes no connection now ({detail}): wait until it has started or has connections free, then try again",
            not null =>
                $"PostgreSQL at {this} (--membership) failed to set up the membership tables ({detail}): check that the user may use database '{Database}'",
            null when Password is null && e.GetBaseException() is not (SocketException or TimeoutException or IOException) =>
                $"PostgreSQL at {this} (--membership) wants a password for user '{User}' ({detail}): give it in the address (postgres://USER:PASSWORD@...) or in PGPASSWORD",
            null =>
                $"no PostgreSQL server answers at {this} (--membership; {detail}): start one there, or give the address of the cluster's",
        });
    }

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    internal override void ConfigureSilo(ISiloBuilder silo)
    {
        AddDataSource(silo.Services);
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(new SchemaBeforeJoining(this));
        silo.UseAdoNetClustering((OptionsBuilder<AdoNetClusteringSiloOptions> options) => options.Configure<MembershipDataSource>((o, source) =>
        {
            o.Invariant = Invariant;
            o.DataSource = source.DataSource;
        }));
    }

    internal override void ConfigureClient(IClientBuilder client)
    {
        AddDataSource(client.Services);
        client.UseAdoNetClustering((OptionsBuilder<AdoNetClusteringClientOptions> options) => options.Configure<MembershipDataSource>((o, source) =>
        {
            o.Invariant = Invariant;
            o.DataSource = source.DataSource;
        }));
    }

    // Made by the host's container, so it is disposed with the host and its pooled connections closed.
    private void AddDataSource(IServiceCollection services) => services.AddSingleton(_ => new MembershipDataSource(CreateDataSource()));

    /// <summary>
    /// Puts the schema in place when the silo starts, before Orleans first reads the membership table:
    /// a silo started without the command line's check first still joins on an empty database.
    /// </summary>
    private sealed class SchemaBeforeJoining(PostgresMembership membership) : ILifecycleParticipant<ISiloLifecycle>
    {
        public void Participate(ISiloLifecycle lifecycle) =>
            lifecycle.Subscribe(nameof(SchemaBeforeJoining), ServiceLifecycleStage.First, membership.EnsureReachable);
    }

    /// <summary>The membership's data source in a host's container, under a type of its own so no other registration of Npgsql's is taken for it.</summary>
    private sealed class MembershipDataSource(NpgsqlDataSource dataSource) : IAsyncDisposable, IDisposable
    {
        public NpgsqlDataSource DataSource { get; } = dataSource;

        public ValueTask DisposeAsync() => DataSource.DisposeAsync();

        public void Dispose() => DataSource.Dispose();
    }
}
