using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Actors.Testing;

/// <summary>
/// A built host (Actors.Api.dll, Actors.Silo.dll, copied next to the tests by the project reference) run by
/// `dotnet` as a child process, the way an operator starts it: configured only by the environment variables the
/// test passes, in a fresh temporary working directory (so ./data lands there), on a free loopback port.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    readonly Process process;
    readonly StringBuilder output = new();
    readonly StringBuilder errors = new();
    readonly bool ownsWorkingDirectory;

    HostProcess(Process process, string workingDirectory, bool ownsWorkingDirectory, Uri address)
    {
        this.process = process;
        this.ownsWorkingDirectory = ownsWorkingDirectory;
        WorkingDirectory = workingDirectory;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
    }

    public string WorkingDirectory { get; }

    public HttpClient Client { get; }

    public string StandardOutput { get { lock (output) return output.ToString(); } }

    public string StandardError { get { lock (errors) return errors.ToString(); } }

    /// <summary>
    /// Starts the host in <paramref name="workingDirectory"/>, or in a fresh temporary one that disposal deletes. A
    /// given folder belongs to the caller and is kept, so a second start can find what the first left there.
    /// </summary>
    public static HostProcess Start(string assemblyFileName, IReadOnlyDictionary<string, string>? environment = null, int? port = null, string? workingDirectory = null)
    {
        var ownsWorkingDirectory = workingDirectory is null;
        workingDirectory ??= Directory.CreateTempSubdirectory("actors-host-").FullName;
        var address = new Uri($"http://127.0.0.1:{port ?? FreePort()}");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, assemblyFileName));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(address.ToString());
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;

        var host = new HostProcess(new Process { StartInfo = start }, workingDirectory, ownsWorkingDirectory, address);
        host.process.OutputDataReceived += (_, line) => Append(host.output, line.Data);
        host.process.ErrorDataReceived += (_, line) => Append(host.errors, line.Data);
        host.process.Start();
        host.process.BeginOutputReadLine();
        host.process.BeginErrorReadLine();
        return host;
    }

    /// <summary>Polls <paramref name="path"/> until it answers <paramref name="expected"/>; fails if the process exits or a minute passes.</summary>
    public async Task WaitForStatusAsync(string path, HttpStatusCode expected)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        HttpStatusCode? last = null;
        while (!process.HasExited && !deadline.IsCancellationRequested)
        {
            try
            {
                using var response = await Client.GetAsync(path, deadline.Token);
                last = response.StatusCode;
                if (last == expected)
                    return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(TimeSpan.FromMilliseconds(200), CancellationToken.None);
        }
        Assert.Fail($"GET {path} never answered {expected} (last: {last?.ToString() ?? "no answer"}, exited: {process.HasExited}).\n{StandardOutput}\n{StandardError}");
    }

    public async Task<int> WaitForExitAsync()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(deadline.Token);
        return process.ExitCode;
    }

    /// <summary>
    /// Asks the process to stop with SIGTERM, as an orchestrator does, and returns its exit code once it has exited and its
    /// output has been read to the end.
    /// </summary>
    public async Task<int> StopAsync()
    {
        using (var signal = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await signal.WaitForExitAsync();
        return await WaitForExitAsync();
    }

    /// <summary>Ends the process with SIGKILL: no shutdown hook, no flush, as a crash would.</summary>
    public async Task KillAsync()
    {
        if (process.HasExited)
            return;
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        process.Dispose();
        Client.Dispose();
        if (ownsWorkingDirectory)
            Directory.Delete(WorkingDirectory, recursive: true);
    }

    static void Append(StringBuilder text, string? line)
    {
        if (line is null)
            return;
        lock (text)
            text.AppendLine(line);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
