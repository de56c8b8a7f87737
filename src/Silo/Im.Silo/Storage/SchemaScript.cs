namespace Im.Silo.Storage;

/// <summary>One schema file of deploy/sql/&lt;provider&gt;, by file name.</summary>
internal sealed record SchemaScript(string FileName, string Sql);
