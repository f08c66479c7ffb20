using Hearth.Cli;

return await HearthCli.RunAsync(args, Console.Out, Console.Error);
