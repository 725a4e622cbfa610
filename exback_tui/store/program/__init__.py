"""program.json: the answers, ticks, quiz results, lists and logs of the program."""
