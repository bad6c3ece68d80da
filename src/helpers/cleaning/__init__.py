"""Stage 2, cleaning: parse every printed number, check the reports' own arithmetic, repair
what one reading explains, flag the rest, convert money, export HXL."""
