using Npgsql;

namespace Projector.Cluster.Hosting;

/// <summary>
/// The membership tables and Orleans' stored statements in PostgreSQL (the embedded script
/// <c>PostgresMembership.sql</c>): Orleans' ADO.NET provider ships no schema, and expects the tables and
/// its statements to be in place before a silo or client starts.
/// </summary>
internal static class PostgresMembershipSchema
{
    /// <summary>The schema that holds the tables, apart from anything else in the database.</summary>
    public const string Name = "projector_cluster";

    /// <summary>
    /// The advisory lock taken while the script runs: "projclus" in ASCII. Two silos starting at once would
    /// otherwise both find the schema missing and the second's CREATE fail on a duplicate name.
    /// </summary>
    private const long LockKey = 0x70726F6A636C7573;

    private static readonly Lazy<string> Script = new(() =>
    {
        using var stream = typeof(PostgresMembershipSchema).Assembly.GetManifestResourceStream("Projector.Cluster.Hosting.PostgresMembership.sql")
            ?? throw new InvalidOperationException("the PostgreSQL membership script is not embedded in Projector.Cluster");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>Creates what is missing and brings the statements up to date, in one transaction; a database already set up is left as it is.</summary>
    public static async Task Apply(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // Released at commit or rollback: no lock outlives a connection dropped half-way.
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
        {
            lockCommand.Parameters.AddWithValue("key", LockKey);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var command = new NpgsqlCommand(Script.Value, connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
