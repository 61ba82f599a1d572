"""公开文件导出：PDF、Word、Excel。"""
