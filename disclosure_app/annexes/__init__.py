"""Performance annexes (第五部分 附件): 项目支出绩效自评表 data, checks and printed layout."""
